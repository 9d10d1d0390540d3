// `npm test`: every stage in order, stopping at the first failure, then one closing line that
// counts every check run (vitest tests, package checks, runtime-matrix rows).
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const vitestReport = join(root, '.tmp', 'vitest-report.json');

/** Each stage: a command, and how its passed/failed counts are read (none: it is one check). */
const stages = [
  { name: 'build', cmd: ['npm', 'run', '--silent', 'build'] },
  { name: 'typecheck', cmd: ['npm', 'run', '--silent', 'typecheck'] },
  { name: 'format + lint (prettier, oxlint)', cmd: ['npm', 'run', '--silent', 'lint'] },
  {
    name: 'unit + integration (vitest)',
    cmd: [
      'npx',
      'vitest',
      'run',
      '--config',
      'test/vitest.config.ts',
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${vitestReport}`,
    ],
    counts: () => {
      const report = JSON.parse(readFileSync(vitestReport, 'utf8'));
      return { passed: report.numPassedTests, failed: report.numFailedTests + report.numPendingTests };
    },
  },
  { name: 'package checks', cmd: ['npm', 'run', '--silent', 'test:package'], counts: 'closing-line' },
  // Every benchmark row at tiny sizes: proves each runs and prints, asserts no timing. tsx directly, because
  // `npm run bench` would rebuild what the build stage just built.
  { name: 'benchmarks (smoke)', cmd: ['npx', 'tsx', 'test/bench/index.ts', '--smoke'] },
  { name: 'docs (typedoc, zero warnings)', cmd: ['npm', 'run', '--silent', 'docs:check'] },
  { name: 'runtime matrix', cmd: ['npm', 'run', '--silent', 'test:runtimes'], counts: 'closing-line' },
];

const CLOSING = /^(\d+) passed, (\d+) failed/m;

function run(cmd) {
  return new Promise((resolve) => {
    const child = spawn(cmd[0], cmd.slice(1), { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let tail = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).slice(-4096);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, tail }));
  });
}

// A run must leave the tracked lockfiles as it found them (a fresh clone's `git status` stays clean).
const LOCKFILES = ['package-lock.json', 'test/runtimes/package-lock.json'];
const lockDigest = () =>
  LOCKFILES.map((file) =>
    createHash('sha256')
      .update(readFileSync(join(root, file)))
      .digest('hex'),
  ).join(',');
const lockfilesBefore = lockDigest();
stages.push({
  name: 'lockfiles unchanged by the run',
  run: () => {
    const unchanged = lockDigest() === lockfilesBefore;
    if (!unchanged) console.log(`✗ the run rewrote one of ${LOCKFILES.join(', ')}: commit what npm wrote`);
    return { code: unchanged ? 0 : 1, tail: '' };
  },
});

mkdirSync(dirname(vitestReport), { recursive: true });
rmSync(vitestReport, { force: true });

const results = [];
let ok = true;
for (const stage of stages) {
  const started = Date.now();
  console.log(`\n▶ ${stage.name}`);
  const { code, tail } = stage.run ? stage.run() : await run(stage.cmd);
  let counts = { passed: code === 0 ? 1 : 0, failed: code === 0 ? 0 : 1 };
  try {
    if (typeof stage.counts === 'function') counts = stage.counts();
    else if (stage.counts === 'closing-line') {
      const match = [...tail.matchAll(new RegExp(CLOSING, 'gm'))].at(-1);
      if (match) counts = { passed: Number(match[1]), failed: Number(match[2]) };
    }
  } catch {
    // No report (the stage crashed before writing one): the exit code alone decides.
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  results.push({ stage: stage.name, ...counts, seconds: ((Date.now() - started) / 1000).toFixed(1) });
  if (code !== 0) {
    ok = false;
    break;
  }
}

console.log('\nstage                           passed  failed  time');
for (const r of results) {
  console.log(`${r.stage.padEnd(32)}${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}  ${r.seconds} s`);
}
for (const skipped of stages.slice(results.length))
  console.log(`${skipped.name.padEnd(32)}   not run (an earlier stage failed)`);
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`\ntotal: ${passed} passed, ${failed} failed`);
process.exitCode = ok ? 0 : 1;
