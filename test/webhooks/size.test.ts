// The verification-only bundle budget from issue 4: at most 2 KB min+gzip, and no zod.
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';

const entry = (file: string) => fileURLToPath(new URL(`../../src/webhooks/${file}`, import.meta.url));

async function bundle(file: string, platform: 'neutral' | 'node'): Promise<string> {
  const result = await build({
    stdin: {
      contents: `import { verifyWebhook } from ${JSON.stringify(entry(file))};\nverifyWebhook({ payload: '', signature: '', secret: '' }).then(console.log);`,
      resolveDir: process.cwd(),
      loader: 'ts',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    platform,
    write: false,
  });
  return result.outputFiles[0]!.text;
}

describe('the webhooks entry', () => {
  it('costs at most 2 KB min+gzip for a program that only verifies (Web Crypto build)', async () => {
    const code = await bundle('index.ts', 'neutral');
    expect(gzipSync(code).length).toBeLessThanOrEqual(2048);
    expect(code).not.toMatch(/zod|libphonenumber|node:/);
  });

  it('costs at most 2 KB min+gzip on Node too, and imports only node:crypto', async () => {
    const code = await bundle('index.node.ts', 'node');
    expect(gzipSync(code).length).toBeLessThanOrEqual(2048);
    expect(code.match(/from\s*"[^"]+"/g)).toEqual(['from"node:crypto"']);
  });
});
