import { afterEach, describe, expect, it, vi } from 'vitest';
import { readEnv } from '../../src/internal/env.js';

afterEach(() => {
  vi.unstubAllEnvs();
  vi.unstubAllGlobals();
});

describe('readEnv', () => {
  it('reads and trims process.env', () => {
    vi.stubEnv('ONEMESSAGE_TEST_VAR', '  value ');
    expect(readEnv('ONEMESSAGE_TEST_VAR')).toBe('value');
  });

  it('treats unset and blank as undefined', () => {
    vi.stubEnv('ONEMESSAGE_TEST_VAR', '   ');
    expect(readEnv('ONEMESSAGE_TEST_VAR')).toBeUndefined();
    expect(readEnv('ONEMESSAGE_SURELY_UNSET')).toBeUndefined();
  });

  it('reads Deno.env where there is no process', () => {
    vi.stubGlobal('process', undefined);
    vi.stubGlobal('Deno', { env: { get: (name: string) => (name === 'X' ? 'from-deno' : undefined) } });
    expect(readEnv('X')).toBe('from-deno');
  });

  it('never throws: a Deno without env permission reads as unset, a worker without either too', () => {
    vi.stubGlobal('process', undefined);
    vi.stubGlobal('Deno', {
      env: {
        get: () => {
          throw new Error('PermissionDenied');
        },
      },
    });
    expect(readEnv('X')).toBeUndefined();
    vi.stubGlobal('Deno', undefined);
    expect(readEnv('X')).toBeUndefined();
  });
});
