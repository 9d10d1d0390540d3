// Size budgets (esbuild + metafile, minified, gzip level 9 like `gzip-size`) and the neutral-platform
// bundle with no Node built-ins.
import { builtinModules } from 'node:module';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { run } from '../../runtimes/lib/proc.mjs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

// How every measured program is bundled: minified ESM for a browser-like target, as a user's bundler would.
const BUNDLE = {
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  metafile: true,
  logLevel: 'silent',
};

const KB = 1024;
const gzipped = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const kb = (bytes) => `${(bytes / KB).toFixed(2)} KB`;

/** The biggest inputs of an output, for a failure report. */
function topInputs(output, cwd, count = 6) {
  return Object.entries(output.inputs)
    .sort(([, a], [, b]) => b.bytesInOutput - a.bytesInOutput)
    .slice(0, count)
    .map(([path, { bytesInOutput }]) => `  ${kb(bytesInOutput)} min  ${relative(cwd, join(cwd, path))}`)
    .join('\n');
}

/**
 * Rebuilds a program from the repo's src/ (subpaths mapped through jsr.json's exports) to name
 * the source files that make up its size: the figures a failing budget's owner needs.
 */
export async function attributeToSource(repoDir, entry, extra = {}) {
  const { build } = await import('esbuild');
  const { exports } = JSON.parse(readFileSync(join(repoDir, 'jsr.json'), 'utf8'));
  const toSource = {
    name: 'package-to-src',
    setup(b) {
      b.onResolve({ filter: /^@onemessage\/sdk(\/|$)/ }, (args) => {
        const target = exports[args.path.replace('@onemessage/sdk', '.')];
        return target ? { path: join(repoDir, target) } : undefined;
      });
    },
  };
  const { metafile, outputFiles } = await build({
    entryPoints: [entry],
    outdir: join(repoDir, '.tmp/size-attribution'),
    ...BUNDLE,
    write: false,
    plugins: [toSource],
    ...extra,
  });
  const bytes = new Map();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, { bytesInOutput }] of Object.entries(output.inputs)) {
      const key = path.replace(/^.*?node_modules\/((@[^/]+\/)?[^/]+).*$/, '$1 (dependency)');
      bytes.set(key, (bytes.get(key) ?? 0) + bytesInOutput);
    }
  }
  const fromSource = outputFiles
    .filter((f) => f.path.endsWith('.js'))
    .reduce((sum, f) => sum + gzipSync(f.contents, { level: 9 }).length, 0);
  const files = [...bytes]
    .sort(([, a], [, b]) => b - a)
    .slice(0, 8)
    .map(([path, size]) => `  ${kb(size)} min  ${relative(repoDir, join(repoDir, path)).replace(/^(\.\.\/)+/, '')}`)
    .join('\n');
  return `built from src/ directly: ${kb(fromSource)} min+gzip in all; by source file:\n${files}`;
}

async function bundle(consumerDir, entry, outdir, extra = {}) {
  const { build } = await import('esbuild');
  return build({
    absWorkingDir: consumerDir,
    entryPoints: [entry],
    outdir,
    ...BUNDLE,
    write: true,
    ...extra,
  });
}

/** One program, one output: its min+gzip size against `limitKb`. */
async function singleBudget(consumerDir, name, entry, limitKb, repoDir) {
  const outdir = join(consumerDir, 'size', name.replace(/\W+/g, '-'));
  try {
    const { metafile } = await bundle(consumerDir, entry, outdir);
    const [path, output] = Object.entries(metafile.outputs).find(([p]) => p.endsWith('.js'));
    const size = gzipped(join(consumerDir, path));
    const ok = size <= limitKb * KB;
    // A program much smaller from src/ than from dist/ points at the build (e.g. an import() of an
    // index module makes its namespace object keep every export alive), not at the source.
    const detail = ok
      ? topInputs(output, consumerDir)
      : `from dist/:\n${topInputs(output, consumerDir)}\n${await attributeToSource(repoDir, entry).catch((e) => e.message)}`;
    return { name, measured: kb(size), limit: `${limitKb} KB`, ok, detail };
  } catch (error) {
    return { name, measured: 'build failed', limit: `${limitKb} KB`, ok: false, detail: error.message };
  }
}

/**
 * The client-and-send program split into chunks: the entry chunk, the chunks one send really loads
 * (the bundle run under Node against a stub `fetch`, recording every module it loads), and every
 * chunk the bundler emits (each resource's validators are a lazy chunk a send never loads).
 */
async function splitBudget(consumerDir, entry, { entryLimitKb, loadedLimitKb, totalLimitKb }, repoDir) {
  const outdir = join(consumerDir, 'size/send');
  const names = [`client+send entry chunk (split)`, `client+send all chunks (split)`];
  try {
    const { metafile } = await bundle(consumerDir, entry, outdir, { splitting: true });
    const outputs = Object.entries(metafile.outputs).filter(([p]) => p.endsWith('.js'));
    const sizes = outputs.map(([path, output]) => ({ path, output, size: gzipped(join(consumerDir, path)) }));
    // With splitting every dynamic import is an entry point too: the program's own is the fixture.
    const entryChunk = sizes.find(
      ({ output }) => output.entryPoint && entry.endsWith(output.entryPoint.split('/').pop()),
    );
    const total = sizes.reduce((sum, { size }) => sum + size, 0);
    const chunkList = sizes
      .sort((a, b) => b.size - a.size)
      .map(({ path, size }) => `  ${kb(size)} gz  ${relative(consumerDir, join(consumerDir, path))}`)
      .join('\n');
    const loaded = await chunksLoadedByRun(consumerDir, join(consumerDir, entryChunk.path));
    const loadedSizes = sizes.filter(({ path }) => loaded.has(pathToFileURL(join(consumerDir, path)).href));
    const loadedTotal = loadedSizes.reduce((sum, { size }) => sum + size, 0);
    return [
      {
        name: names[0],
        measured: kb(entryChunk.size),
        limit: `< ${entryLimitKb} KB`,
        ok: entryChunk.size < entryLimitKb * KB,
        detail: topInputs(entryChunk.output, consumerDir),
      },
      {
        name: 'client+send chunks one send loads (run)',
        measured: `${kb(loadedTotal)} (${loadedSizes.length} chunks)`,
        limit: `${loadedLimitKb} KB`,
        ok: loaded.size > 0 && loadedTotal <= loadedLimitKb * KB,
        detail: loadedSizes
          .map(({ path, size }) => `  ${kb(size)} gz  ${relative(consumerDir, join(consumerDir, path))}`)
          .join('\n'),
      },
      {
        name: names[1],
        measured: `${kb(total)} (${sizes.length} chunks)`,
        limit: `${totalLimitKb} KB`,
        ok: total <= totalLimitKb * KB,
        detail:
          total <= totalLimitKb * KB
            ? chunkList
            : `${chunkList}\n${await attributeToSource(repoDir, entry, { splitting: true }).catch((e) => e.message)}`,
      },
    ];
  } catch (error) {
    return names.map((name) => ({ name, measured: 'build failed', limit: '-', ok: false, detail: error.message }));
  }
}

// Loaded through `node --import`: a stub fetch that answers one Message, and a load hook that
// records every module URL the program loads.
const RECORDER = `
import { register } from 'node:module';
globalThis.fetch = async () => new Response(JSON.stringify({ id: 'msg_size', object: 'message', status: 'queued' }), {
  status: 201, headers: { 'content-type': 'application/json' } });
register(new URL('./record-hooks.mjs', import.meta.url), { data: { log: process.env.CHUNK_LOG } });
`;
const RECORD_HOOKS = `
import { appendFileSync } from 'node:fs';
let log;
export function initialize(data) { log = data.log; }
export async function load(url, context, next) {
  if (url.startsWith('file:')) appendFileSync(log, url + '\\n');
  return next(url, context);
}
`;

/** The file URLs of every module a bundled program loads when run once. */
async function chunksLoadedByRun(consumerDir, program) {
  const dir = join(consumerDir, 'size/recorder');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'recorder.mjs'), RECORDER);
  writeFileSync(join(dir, 'record-hooks.mjs'), RECORD_HOOKS);
  const log = join(dir, 'loaded.txt');
  rmSync(log, { force: true });
  const result = await run(process.execPath, ['--import', pathToFileURL(join(dir, 'recorder.mjs')).href, program], {
    cwd: consumerDir,
    env: { ...process.env, CHUNK_LOG: log },
    timeoutMs: 60_000,
  });
  if (result.code !== 0 || !existsSync(log)) {
    throw new Error(`running the send bundle failed (exit ${result.code}): ${result.stderr.slice(0, 500)}`);
  }
  return new Set(readFileSync(log, 'utf8').split('\n').filter(Boolean));
}

const NODE_ONLY = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'undici']);

/** Node-only imports a subpath may reach lazily: the gateway's `listen()` serves over node:http. */
const LAZY_ALLOWED = {
  '@onemessage/sdk/gateway': ['http', 'net', 'stream'].flatMap((m) => [m, `node:${m}`]),
};

/** The output chunks an entry loads before any dynamic import() runs. */
function eagerChunks(outputs) {
  const eager = new Set();
  const visit = (path) => {
    if (eager.has(path) || !outputs[path]) return;
    eager.add(path);
    for (const imported of outputs[path].imports)
      if (!imported.external && imported.kind === 'import-statement') visit(imported.path);
  };
  visit(Object.keys(outputs).find((p) => outputs[p].entryPoint));
  return eager;
}

/**
 * Bundles each subpath for esbuild's `platform: 'neutral'` through the `worker`/`browser`
 * conditions, split so lazy imports get their own chunks. No code a subpath loads may import a
 * Node built-in (or undici), except the gateway's `listen()` behind a dynamic import.
 */
async function neutralBundle(consumerDir, subpath) {
  const name = `neutral bundle ${subpath.replace('@onemessage/sdk', '.')}`;
  const entry = join(consumerDir, 'size', `neutral-${subpath.replace(/\W+/g, '-')}.mjs`);
  writeFileSync(entry, `export * from '${subpath}';\n`);
  const plugin = {
    name: 'node-only-imports',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) =>
        NODE_ONLY.has(args.path) ? { path: args.path, external: true } : undefined,
      );
    },
  };
  try {
    const { metafile } = await bundle(
      consumerDir,
      entry,
      join(consumerDir, 'size', 'neutral', subpath.replace(/\W+/g, '-')),
      {
        platform: 'neutral',
        conditions: ['worker', 'browser'],
        mainFields: ['module', 'main'],
        splitting: true,
        minify: false,
        plugins: [plugin],
      },
    );
    const outputs = metafile.outputs;
    const eager = eagerChunks(outputs);
    const violations = [];
    const allowed = [];
    for (const [path, output] of Object.entries(outputs)) {
      for (const imported of output.imports) {
        if (!imported.external || !NODE_ONLY.has(imported.path)) continue;
        const lazy = !eager.has(path) || imported.kind === 'dynamic-import';
        const sources = Object.keys(output.inputs)
          .map((i) => i.replace(/^.*node_modules\//, ''))
          .join(', ');
        const line = `${lazy ? 'lazy' : 'eager'} ${imported.path} (from ${sources})`;
        if (lazy && LAZY_ALLOWED[subpath]?.includes(imported.path)) allowed.push(`allowed: ${line}`);
        else violations.push(line);
      }
    }
    return {
      name,
      measured: `${violations.length} Node-only imports`,
      limit: '0',
      ok: violations.length === 0,
      detail: [...violations, ...allowed].join('\n'),
    };
  } catch (error) {
    return { name, measured: 'build failed', limit: '0', ok: false, detail: error.message };
  }
}

const SUBPATHS = ['@onemessage/sdk', '@onemessage/sdk/segments', '@onemessage/sdk/webhooks', '@onemessage/sdk/gateway'];

/** Every size budget and the neutral bundles. */
export async function checkSizes(consumerDir, fixturesDir, repoDir) {
  mkdirSync(join(consumerDir, 'size'), { recursive: true });
  const fixture = (file) => join(fixturesDir, file);
  return [
    await singleBudget(consumerDir, 'webhook verification only', fixture('webhooks-only.mjs'), 2.1, repoDir),
    await singleBudget(consumerDir, 'segments only', fixture('segments-only.mjs'), 5, repoDir),
    ...(await splitBudget(
      consumerDir,
      fixture('send.mjs'),
      { entryLimitKb: 31, loadedLimitKb: 50, totalLimitKb: 75 },
      repoDir,
    )),
    ...(await Promise.all(SUBPATHS.map((subpath) => neutralBundle(consumerDir, subpath)))),
  ];
}
