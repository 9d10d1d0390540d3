#!/usr/bin/env node
// `npm run test:package`: checks the BUILT package as npm would ship it: publint, attw, the
// packed tarball installed into a fresh project (imports in ESM and CJS, types under node16 and
// bundler), complete lockfiles, size budgets, Node built-ins on the neutral path, cold import time and the global
// fetch dispatcher. Prints one table of measured vs limit.
//   node test/package/check.mjs [--keep] [--package=<dir>] [--only=size,types,...]
import { cpSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConsumer } from '../runtimes/lib/consumer.mjs';
import { parseFlags } from '../runtimes/lib/flags.mjs';
import { checkImports, checkTypes } from './lib/imports.mjs';
import { checkAttw, checkPublint } from './lib/lint.mjs';
import { checkLockfiles } from './lib/lockfiles.mjs';
import { checkSizes } from './lib/size.mjs';
import { checkColdImport, checkDispatcher } from './lib/startup.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const repoDir = resolve(here, '../..');
const args = parseFlags();
const packageRoot = args.package ? resolve(args.package) : repoDir;
const only = args.only?.split(',');
const wanted = (group) => !only || only.includes(group);

function printTable(rows) {
  const header = ['check', 'measured', 'limit', 'result'];
  const lines = rows.map((r) => [r.name, r.measured, r.limit, r.ok ? 'pass' : 'FAIL']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells) => cells.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(`\n${format(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const line of lines) console.log(format(line));
}

async function main() {
  const started = performance.now();
  if (!existsSync(join(packageRoot, 'dist'))) {
    console.error('dist/ is missing: run `npm run build` first.');
    console.log('0 passed, 1 failed');
    process.exit(1);
  }
  if (!existsSync(join(packageRoot, 'dist/index.d.ts'))) {
    console.log(
      "· dist/ has no declarations (did the build's DTS step fail?): the types, attw and publint checks will fail",
    );
  }
  console.log('· packing the package into a fresh project (npm pack + npm install <tarball>)');
  const consumer = await createConsumer(packageRoot, { name: 'onemessage-package-check' });
  const fixturesDir = join(consumer.dir, 'fixtures');
  cpSync(join(here, 'fixtures'), fixturesDir, { recursive: true });
  const rows = [];
  const add = (results) => {
    for (const row of [results].flat()) {
      rows.push(row);
      console.log(`${row.ok ? '✓' : '✗'} ${row.name}: ${row.measured}`);
    }
  };
  try {
    if (wanted('lint')) {
      add(await checkPublint(packageRoot));
      add(await checkAttw(repoDir, consumer.tarball));
    }
    if (wanted('lockfiles')) add(await checkLockfiles(repoDir));
    if (wanted('imports')) add(await checkImports(consumer.dir));
    if (wanted('types')) add(await checkTypes(consumer.dir, repoDir));
    if (wanted('size')) add(await checkSizes(consumer.dir, fixturesDir, repoDir));
    if (wanted('startup')) {
      add(checkColdImport(consumer.dir));
      add(await checkDispatcher(consumer.dir, fixturesDir));
    }
  } finally {
    if (args.keep) console.log(`· kept ${consumer.dir}`);
    else consumer.cleanup();
  }
  printTable(rows);
  for (const row of rows) {
    if (row.detail && (!row.ok || args.verbose))
      console.log(`\n${row.ok ? '·' : '✗'} ${row.name}\n  ${row.detail.replaceAll('\n', '\n  ')}`);
  }
  const failed = rows.filter((r) => !r.ok).length;
  console.log(`\npackage checks took ${((performance.now() - started) / 1000).toFixed(1)} s`);
  console.log(`${rows.length - failed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

await main();
