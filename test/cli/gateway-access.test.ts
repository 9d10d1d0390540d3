import { describe, expect, it } from 'vitest';
import { exposureNotice, parseCli } from '../../src/cli/gateway.js';

describe('onemessage-gateway access flags', () => {
  it('reads --allowed-host and --cors-origin (repeatable, * for any)', () => {
    const config = parseCli(['--allowed-host', 'box.lan', '--allowed-host', '*.dev.test', '--cors-origin', '*']);
    expect(config).toMatchObject({ options: { allowedHosts: ['box.lan', '*.dev.test'], corsOrigins: '*' } });
  });

  it('says in the banner what binding another interface exposes, and nothing for loopback', () => {
    const exposed = parseCli(['--host', '0.0.0.0']);
    if (typeof exposed === 'string') throw new Error('unexpected');
    expect(exposureNotice(exposed).join('\n')).toMatch(/other machines on the network can reach this gateway/);
    expect(exposureNotice(exposed).join('\n')).toMatch(/--allowed-host/);
    const local = parseCli(['--host', '127.0.0.1']);
    if (typeof local === 'string') throw new Error('unexpected');
    expect(exposureNotice(local)).toEqual([]);
  });
});
