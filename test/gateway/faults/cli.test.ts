// The CLI's --faults flag: read into the faults option, refused in the CLI's words when unreadable.
import { describe, expect, it } from 'vitest';
import { CliUsageError } from '../../../src/cli/args.js';
import { describeOptionsError, parseCli } from '../../../src/cli/gateway.js';
import { createGateway, GatewayOptionsError } from '../../../src/gateway/index.js';

describe('onemessage-gateway --faults', () => {
  it('reads the spec into the faults option', () => {
    const config = parseCli(['--faults', 'seed=1,error503=0.05,dropAfterCommit=0.1']);
    expect(config).toMatchObject({ options: { faults: { seed: 1, rates: { error503: 0.05, dropAfterCommit: 0.1 } } } });
  });

  it('is off without the flag', () => {
    expect(parseCli([])).toMatchObject({ options: {} });
    expect((parseCli([]) as { options: object }).options).not.toHaveProperty('faults');
  });

  it('refuses an unreadable spec with a CliUsageError naming the flag', () => {
    expect(() => parseCli(['--faults', 'nope=0.1'])).toThrow(CliUsageError);
    expect(() => parseCli(['--faults', 'error503'])).toThrow(/--faults/);
  });

  it('names --faults for a rate the gateway refuses', () => {
    const config = parseCli(['--faults', 'error503=0.8,delay=0.8']) as { options: object };
    try {
      createGateway(config.options);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(GatewayOptionsError);
      expect(describeOptionsError(error as GatewayOptionsError)).toMatch(/^--faults /);
    }
  });
});
