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
      const result = await build({ entryPoints: [entry], bundle: true, write: false, metafile: true, format: 'esm', platform: 'node', splitting: true, outdir: 'out', logLevel: 'silent' });
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
