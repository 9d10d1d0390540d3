/**
 * `tsx src/openapi/write.ts`: writes the document to src/openapi/openapi.json (committed, served by
 * the gateway) and, when dist/ exists, dist/openapi.json (exported as `@onemessage/sdk/openapi.json`).
 * `--check` writes nothing and exits 1 when the committed copy is stale.
 * @module
 */

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildOpenApi } from './build.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** The committed copy. */
export const COMMITTED = join(root, 'src/openapi/openapi.json');

/** The document as written: 2-space JSON and a final newline. */
export function renderOpenApi(): string {
  return `${JSON.stringify(buildOpenApi(), null, 2)}\n`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = renderOpenApi();
  if (process.argv.includes('--check')) {
    const current = existsSync(COMMITTED) ? readFileSync(COMMITTED, 'utf8') : '';
    if (current !== text) {
      console.error('src/openapi/openapi.json is stale: run `npx tsx src/openapi/write.ts`.');
      process.exit(1);
    }
  } else {
    writeFileSync(COMMITTED, text);
    if (existsSync(join(root, 'dist'))) writeFileSync(join(root, 'dist/openapi.json'), text);
  }
}
