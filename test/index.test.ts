import { build, type Metafile } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as neutral from '../src/index.js';
import * as node from '../src/index.node.js';

describe('entry points', () => {
  it('export OneMessage as default and named, and every error class', () => {
    for (const entry of [neutral, node]) {
      expect(entry.default).toBe(entry.OneMessage);
      for (const name of [
        'OneMessageError',
        'APIError',
        'BadRequestError',
        'AuthenticationError',
        'InsufficientCreditsError',
        'PermissionDeniedError',
        'NotFoundError',
        'ConflictError',
        'IdempotencyError',
        'RateLimitError',
        'InternalServerError',
        'APIConnectionError',
        'APIConnectionTimeoutError',
        'APIUserAbortError',
        'ValidationError',
      ]) {
        const Class = (entry as Record<string, unknown>)[name] as { new (...args: never[]): Error };
        expect(typeof Class, name).toBe('function');
      }
    }
  });

  it('the Node entry has the same exports, with a client that is still a OneMessage', () => {
    expect(Object.keys(node).sort()).toEqual(Object.keys(neutral).sort());
    expect(node.APIError).toBe(neutral.APIError);
    expect(new node.OneMessage({ apiKey: 'ark_test_x' })).toBeInstanceOf(neutral.OneMessage);
  });

  it.each(['src/index.ts', 'src/index.node.ts'])(
    'importing %s loads no zod, libphonenumber-js or undici until first use',
    async (entry) => {
      const result = await build({
        entryPoints: [entry],
        bundle: true,
        write: false,
        metafile: true,
        format: 'esm',
        platform: 'node',
        splitting: true,
        outdir: 'out',
        logLevel: 'silent',
      });
      const reached = staticallyReachable(result.metafile, entry);
      expect([...reached].filter((file) => /node_modules\/(zod|libphonenumber-js|undici)\//.test(file))).toEqual([]);
      expect([...reached].some((file) => file.startsWith('src/schemas/'))).toBe(false);
    },
  );
});

/** Input files reachable from `entry` through static imports only (dynamic imports load on use). */
function staticallyReachable(metafile: Metafile, entry: string): Set<string> {
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const dependency of metafile.inputs[file]?.imports ?? []) {
      if (dependency.kind !== 'dynamic-import' && !dependency.external) queue.push(dependency.path);
    }
  }
  return seen;
}

describe('two builds of the SDK in one process (ESM import and CJS require)', () => {
  it('keep class names and make instanceof work across them', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { createRequire } = await import('node:module');
    const { inspect } = await import('node:util');
    const dir = mkdtempSync(join(tmpdir(), 'onemessage-builds-'));
    // As tsup builds them: esbuild, neutral platform, both formats, without keepNames.
    for (const format of ['esm', 'cjs'] as const) {
      await build({
        entryPoints: ['src/index.node.ts'],
        bundle: true,
        format,
        platform: 'node',
        outfile: join(dir, `index.${format === 'esm' ? 'mjs' : 'cjs'}`),
        logLevel: 'silent',
      });
    }
    const cjs = createRequire(import.meta.url)(join(dir, 'index.cjs')) as typeof node;
    const esm = (await import(join(dir, 'index.mjs'))) as typeof node;

    for (const [name, value] of Object.entries(esm)) {
      if (typeof value === 'function' && name !== 'default') expect(value.name, name).toBe(name);
    }
    const client = new cjs.OneMessage({ apiKey: 'ark_test_x' });
    expect(inspect(client)).toMatch(/^OneMessage \{/);
    expect(client).toBeInstanceOf(esm.OneMessage);
    expect(client).toBeInstanceOf(neutral.OneMessage);

    const error = await client.messages.create('x' as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(cjs.ValidationError);
    expect(error).toBeInstanceOf(esm.ValidationError);
    expect(error).toBeInstanceOf(esm.OneMessageError);
    expect(error).toBeInstanceOf(neutral.ValidationError);
    expect(error).not.toBeInstanceOf(esm.APIError);
    expect(new esm.RateLimitError(429, undefined, new Headers(), { method: 'GET', path: '/' })).toBeInstanceOf(
      cjs.APIError,
    );
    // A neutral client is not a Node one, and a user's subclass keeps plain instanceof.
    expect(new neutral.OneMessage({ apiKey: 'ark_test_x' })).not.toBeInstanceOf(esm.OneMessage);
    class MyError extends esm.OneMessageError {}
    expect(new esm.OneMessageError('x')).not.toBeInstanceOf(MyError);
  });
});
