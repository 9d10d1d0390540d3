import { afterEach, describe, expect, it, vi } from 'vitest';
import { isBrowser, runtimeName } from '../../src/internal/runtime.js';

afterEach(() => vi.unstubAllGlobals());

describe('runtimeName', () => {
  it('names Node with its version', () => {
    expect(runtimeName()).toBe(`node ${process.versions.node}`);
    expect(isBrowser()).toBe(false);
  });

  it('names Bun, Deno and browsers from their globals', () => {
    vi.stubGlobal('Bun', { version: '1.2.3' });
    expect(runtimeName()).toBe('bun 1.2.3');
    vi.stubGlobal('Bun', undefined);
    vi.stubGlobal('Deno', { version: { deno: '2.0.0' } });
    expect(runtimeName()).toBe('deno 2.0.0');
    vi.stubGlobal('Deno', undefined);
    vi.stubGlobal('process', undefined);
    vi.stubGlobal('window', {});
    vi.stubGlobal('document', {});
    expect(runtimeName()).toBe('browser');
    expect(isBrowser()).toBe(true);
  });
});
