// Cold import time of the main entry over a bare `node` start, and the global fetch dispatcher.
import { spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tail } from '../../runtimes/lib/proc.mjs';

function spawnNode(consumerDir, code) {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-e', code], {
    cwd: consumerDir,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.status !== 0) throw new Error(`node -e failed: ${result.stderr}`);
  return { wallMs, stdout: result.stdout };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

/**
 * What importing `specifier` adds to a fresh `node` process, two ways, each the median over
 * `runs` processes after warm-up runs that fill the OS file cache:
 * - `import`: the import() itself timed inside the process, after an empty module started the
 *   ESM loader (as an app's own `import` statements would have): the budgeted figure, since it
 *   does not drown in the noise of process start-up on a busy machine;
 * - `wall`: `node -e "import(spec)"` minus `node -e ""` wall time, runs paired and interleaved.
 */
export function measureImport(consumerDir, specifier, runs = 21) {
  const timed = `import('data:text/javascript,').then(()=>{const t=performance.now();return import(${JSON.stringify(
    specifier,
  )}).then(()=>console.log(performance.now()-t))})`;
  for (let i = 0; i < 3; i++) spawnNode(consumerDir, timed);
  const inside = [];
  const wallDiffs = [];
  for (let i = 0; i < runs; i++) {
    const bare = spawnNode(consumerDir, '');
    const loaded = spawnNode(consumerDir, timed);
    inside.push(Number(loaded.stdout.trim()));
    wallDiffs.push(loaded.wallMs - bare.wallMs);
  }
  return { importMs: median(inside), wallMs: median(wallDiffs) };
}

/** The main entry's cold import budget; the other subpaths are measured for the record. */
export function checkColdImport(consumerDir, limitMs = 25) {
  const results = [];
  for (const specifier of ['@onemessage/sdk', '@onemessage/sdk/segments', '@onemessage/sdk/webhooks']) {
    const main = specifier === '@onemessage/sdk';
    const name = `cold import ${specifier.replace('@onemessage/sdk', '.')} (node ${process.versions.node})`;
    try {
      const { importMs, wallMs } = measureImport(consumerDir, specifier, main ? 21 : 9);
      results.push({
        name,
        measured: `+${importMs.toFixed(1)} ms (wall +${wallMs.toFixed(1)})`,
        limit: main ? `${limitMs} ms` : '(recorded)',
        ok: !main || importMs <= limitMs,
        detail: `median import() time ${importMs.toFixed(1)} ms; median wall-time difference over bare node ${wallMs.toFixed(1)} ms`,
      });
    } catch (error) {
      results.push({ name, measured: 'failed', limit: `${limitMs} ms`, ok: false, detail: error.message });
    }
  }
  return results;
}

/**
 * Imports the SDK and sends a first request, in a fresh process and in one whose app already
 * used the global fetch: the slot must keep what it had, and may never hold the npm undici's
 * Agent (Node's own default Agent appearing in an empty slot is what its first fetch does).
 */
export async function checkDispatcher(consumerDir, fixturesDir) {
  const name = 'global fetch dispatcher untouched';
  copyFileSync(join(fixturesDir, 'dispatcher.mjs'), join(consumerDir, 'dispatcher.mjs'));
  const trails = [];
  let ok = true;
  let detail = '';
  for (const scenario of ['fresh', 'prefetched']) {
    const result = await run(process.execPath, ['dispatcher.mjs', scenario], { cwd: consumerDir, timeoutMs: 60_000 });
    try {
      const seen = JSON.parse(result.stdout.trim().split('\n').at(-1));
      trails.push(`${scenario}: ${seen.trail}`);
      ok &&= seen.ok;
    } catch {
      ok = false;
      trails.push(`${scenario}: failed`);
      detail += tail(result.stdout + result.stderr);
    }
  }
  return { name, measured: trails.join('; '), limit: 'slot kept; never npm undici', ok, detail };
}
