// Cold import time of the main entry over a bare `node` start, and the global fetch dispatcher.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tail } from '../../runtimes/lib/proc.mjs';

function timeOnce(consumerDir, code) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', code], { cwd: consumerDir, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node -e "${code}" failed: ${result.stderr}`);
  return ms;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * Wall time of `node -e "import(spec)"` minus that of `node -e ""`: runs are paired and
 * interleaved so both see the same machine load, and the median of the paired differences is
 * taken, after warm-up runs that fill the OS file cache.
 */
export function measureImport(consumerDir, specifier, runs = 21) {
  const bare = [];
  const loaded = [];
  const code = `import(${JSON.stringify(specifier)})`;
  for (let i = 0; i < 3; i++) timeOnce(consumerDir, code);
  for (let i = 0; i < runs; i++) {
    bare.push(timeOnce(consumerDir, ''));
    loaded.push(timeOnce(consumerDir, code));
  }
  return {
    over: median(loaded.map((ms, i) => ms - bare[i])),
    bare: median(bare),
    loaded: median(loaded),
    floor: Math.min(...loaded) - Math.min(...bare),
  };
}

/** The main entry's cold import budget; the other subpaths are measured for the record. */
export function checkColdImport(consumerDir, limitMs = 25) {
  const results = [];
  for (const specifier of ['@onemessage/sdk', '@onemessage/sdk/segments', '@onemessage/sdk/webhooks']) {
    const main = specifier === '@onemessage/sdk';
    const name = `cold import ${specifier.replace('@onemessage/sdk', '.')} (node ${process.versions.node})`;
    try {
      const { over, bare, loaded, floor } = measureImport(consumerDir, specifier, main ? 21 : 9);
      results.push({
        name,
        measured: `+${over.toFixed(1)} ms`,
        limit: main ? `${limitMs} ms` : '(recorded)',
        ok: !main || over <= limitMs,
        detail: `median ${loaded.toFixed(1)} ms vs bare node ${bare.toFixed(1)} ms; fastest runs differ by ${floor.toFixed(1)} ms`,
      });
    } catch (error) {
      results.push({ name, measured: 'failed', limit: `${limitMs} ms`, ok: false, detail: error.message });
    }
  }
  return results;
}

/** Imports the SDK and sends a first request; the global undici dispatcher must not change. */
export async function checkDispatcher(consumerDir, fixturesDir) {
  const name = 'global fetch dispatcher untouched';
  copyFileSync(join(fixturesDir, 'dispatcher.mjs'), join(consumerDir, 'dispatcher.mjs'));
  const result = await run(process.execPath, ['dispatcher.mjs'], { cwd: consumerDir, timeoutMs: 60_000 });
  try {
    const seen = JSON.parse(result.stdout.trim().split('\n').at(-1));
    return {
      name,
      measured: `${seen.before} → ${seen.afterImport} → ${seen.afterRequest}`,
      limit: 'unchanged (before → import → request)',
      ok: seen.untouched,
      detail: '',
    };
  } catch {
    return { name, measured: 'failed', limit: 'unchanged', ok: false, detail: tail(result.stdout + result.stderr) };
  }
}
