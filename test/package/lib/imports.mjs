// Every subpath imports from the installed tarball in ESM and CJS, and its types check under
// `moduleResolution` node16 and bundler with the repo's TypeScript.
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, tail } from '../../runtimes/lib/proc.mjs';

/** The names each subpath must export at run time. */
export const SUBPATHS = {
  '@onemessage/sdk': ['OneMessage', 'default', 'APIError'],
  '@onemessage/sdk/segments': ['segments'],
  '@onemessage/sdk/webhooks': ['verifyWebhook', 'signWebhook', 'WebhookVerificationError'],
  '@onemessage/sdk/gateway': ['createGateway'],
};

const probe = (load) => `
const expected = ${JSON.stringify(SUBPATHS)};
const failures = [];
for (const [specifier, names] of Object.entries(expected)) {
  try {
    const mod = ${load};
    const missing = names.filter((name) => !(name in mod) || mod[name] === undefined);
    if (missing.length) failures.push(specifier + ': missing ' + missing.join(', '));
  } catch (error) {
    failures.push(specifier + ': ' + (error.code ?? error.name) + ' ' + error.message.split('\\n')[0]);
  }
}
console.log(JSON.stringify(failures));
`;

async function runProbe(consumerDir, file, source, format) {
  writeFileSync(join(consumerDir, file), source);
  const result = await run(process.execPath, [file], { cwd: consumerDir, timeoutMs: 60_000 });
  let failures;
  try {
    failures = JSON.parse(result.stdout.trim().split('\n').at(-1));
  } catch {
    failures = [`probe crashed: ${tail(result.stderr)}`];
  }
  const total = Object.keys(SUBPATHS).length;
  return {
    name: `import every subpath (${format})`,
    measured: `${total - failures.length}/${total} subpaths`,
    limit: `${total}/${total}`,
    ok: failures.length === 0,
    detail: failures.join('\n'),
  };
}

/** `import()` and `require()` of each subpath in the consumer project. */
export async function checkImports(consumerDir) {
  return [
    await runProbe(consumerDir, 'probe-esm.mjs', probe('await import(specifier)'), 'ESM'),
    await runProbe(consumerDir, 'probe-cjs.cjs', `(async () => {${probe('require(specifier)')}})();`, 'CJS'),
  ];
}

const COMPILER_OPTIONS = {
  strict: true,
  noEmit: true,
  target: 'ES2022',
  lib: ['ES2022', 'DOM'],
  types: [],
  skipLibCheck: false,
};

/**
 * tsc over the type fixtures (an ESM .ts, and a CJS .cts for node16) with each resolution mode.
 * They live in test/runtimes/fixtures/, which tsconfig.json excludes.
 */
export async function checkTypes(consumerDir, repoDir) {
  const fixtures = join(repoDir, 'test/runtimes/fixtures');
  copyFileSync(join(fixtures, 'consumer-types.ts'), join(consumerDir, 'types.ts'));
  copyFileSync(join(fixtures, 'consumer-types-cjs.cts'), join(consumerDir, 'types-cjs.cts'));
  const tsc = join(repoDir, 'node_modules/typescript/bin/tsc');
  const modes = {
    node16: { module: 'node16', moduleResolution: 'node16', files: ['types.ts', 'types-cjs.cts'] },
    bundler: { module: 'esnext', moduleResolution: 'bundler', files: ['types.ts'] },
  };
  const results = [];
  for (const [mode, { files, ...options }] of Object.entries(modes)) {
    const config = `tsconfig.${mode}.json`;
    writeFileSync(
      join(consumerDir, config),
      JSON.stringify({ compilerOptions: { ...COMPILER_OPTIONS, ...options }, files }, null, 2),
    );
    const result = await run(process.execPath, [tsc, '-p', config], { cwd: consumerDir, timeoutMs: 180_000 });
    const errors = (result.stdout.match(/error TS\d+/g) ?? []).length;
    results.push({
      name: `types check (moduleResolution ${mode})`,
      measured: `${errors} errors`,
      limit: '0 errors',
      ok: result.code === 0,
      detail: tail(result.stdout + result.stderr, 20),
    });
  }
  return results;
}
