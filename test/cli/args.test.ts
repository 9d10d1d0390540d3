import { describe, expect, it } from 'vitest';
import { CliUsageError, isEntryPoint, parseFlags, readCommandLine } from '../../src/cli/args.js';

function capture() {
  const out = { stdout: '', stderr: '' };
  return {
    out,
    output: {
      stdout: { write: (chunk: string) => (out.stdout += chunk) },
      stderr: { write: (chunk: string) => (out.stderr += chunk) },
    },
  };
}

describe('parseFlags', () => {
  it('parses like node:util parseArgs and refuses an unknown flag with CliUsageError', () => {
    const config = { args: ['--port', '5', '-v'], options: { port: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } } } as const;
    expect(parseFlags(config).values).toEqual({ port: '5', verbose: true });
    expect(() => parseFlags({ ...config, args: ['--nope'] })).toThrow(CliUsageError);
    expect(() => parseFlags({ ...config, args: ['--nope'] })).toThrow(/--nope/);
  });
});

describe('readCommandLine', () => {
  it('hands back the config to run with', () => {
    const { out, output } = capture();
    expect(readCommandLine('tool', 'USAGE\n', () => ({ port: 1 }), output)).toEqual({ ok: true, config: { port: 1 } });
    expect(out).toEqual({ stdout: '', stderr: '' });
  });

  it('prints the usage to stdout and exits 0 for --help', () => {
    const { out, output } = capture();
    expect(readCommandLine('tool', 'USAGE\n', () => 'help' as const, output)).toEqual({ ok: false, exitCode: 0 });
    expect(out).toEqual({ stdout: 'USAGE\n', stderr: '' });
  });

  it('prints the mistake and the usage to stderr and exits 2 for a usage error', () => {
    const { out, output } = capture();
    const parse = () => {
      throw new CliUsageError('--port must be a whole number');
    };
    expect(readCommandLine('tool', 'USAGE\n', parse, output)).toEqual({ ok: false, exitCode: 2 });
    expect(out).toEqual({ stdout: '', stderr: 'tool: --port must be a whole number\n\nUSAGE\n' });
  });

  it('lets any other error through: it is a bug, not a usage mistake', () => {
    const { output } = capture();
    const bug = new TypeError('boom');
    expect(() =>
      readCommandLine(
        'tool',
        'USAGE\n',
        () => {
          throw bug;
        },
        output,
      ),
    ).toThrow(bug);
  });
});

describe('isEntryPoint', () => {
  it('is false for a module that is not the script Node started with', () => {
    expect(isEntryPoint(import.meta.url)).toBe(false);
  });
});
