// The examples import the package by its own name, which Node resolves through package.json
// `exports` to dist/: the build must exist. `npm test` builds first; alone, run `npx tsup`.
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

const root = resolve(import.meta.dirname, '../..');

/** Throws a message that says what to run when dist/ is missing. */
export function requireBuild(): void {
  const entry = resolve(root, 'dist/index.node.js');
  if (!existsSync(entry) || !existsSync(resolve(root, 'dist/webhooks/index.node.js'))) {
    throw new Error(
      'the examples import @onemessage/sdk, which resolves to dist/: run `npx tsup` first (npm test does)',
    );
  }
  // Not an error: a stale build still runs, but say so, since the examples then test old code.
  const builtAt = statSync(entry).mtimeMs;
  const source = statSync(resolve(root, 'src/index.node.ts')).mtimeMs;
  if (source > builtAt) {
    console.warn('test/examples: dist/ is older than src/; run `npx tsup` to test the current code');
  }
}
