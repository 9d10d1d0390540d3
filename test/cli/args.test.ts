import { describe, expect, it } from 'vitest';
import { CliUsageError, isEntryPoint, packageVersion, parseFlags, readCommandLine } from '../../src/cli/args.js';

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
    const config = {
      args: ['--port', '5', '-v'],
      options: { port: { type: 'string' }, verbose: { type: 'boolean', short: 'v' } },
    } as const;
    expect(parseFlags(config).values).toEqual({ port: '5', verbose: true });
    expect(() => parseFlags({ ...config, args: ['--nope'] })).toThrow(CliUsageError);
    expect(() => parseFlags({ ...config, args: ['--nope'] })).toThrow(/--nope/);
  });
});

describe('parseFlags messages', () => {
  const options = {
    balance: { type: 'string' },
    encoding: { type: 'string', short: 'e' },
    json: { type: 'boolean' },
  } as const;
  const messageOf = (args: string[]) => {
    try {
      parseFlags({ args, options, allowPositionals: true });
      return 'parsed';
    } catch (error) {
      return (error as Error).message;
    }
  };
  const balanced = (text: string) =>
    (text.match(/'/g) ?? []).length % 2 === 0 && (text.match(/"/g) ?? []).length % 2 === 0;

  it('takes a negative number after a flag as its value, not as another flag', () => {
    expect(parseFlags({ args: ['--balance', '-5'], options }).values).toEqual({ balance: '-5' });
    expect(parseFlags({ args: ['-e', '-1'], options }).values).toEqual({ encoding: '-1' });
    expect(parseFlags({ args: ['--', '--balance', '-5'], options, allowPositionals: true }).positionals).toEqual([
      '--balance',
      '-5',
    ]);
  });

  it.each([
    [['--bogus'], /^unknown option '--bogus' \(see --help/],
    [['--balance'], /^--balance needs a value$/],
    [['-e'], /^--encoding needs a value$/],
    [['--balance', '--json'], /^--balance needs a value; for one that starts with '-', write --balance=<value>$/],
    [['--json=1'], /^--json does not take a value$/],
  ])('says %j in its own words, quotes balanced, no node API jargon', (args, pattern) => {
    const message = messageOf(args);
    expect(message).toMatch(pattern);
    expect(balanced(message)).toBe(true);
    expect(message).not.toMatch(/ambiguous|parseArgs|positional argument/);
  });
});

describe('packageVersion', () => {
  it("reads the package's version from the nearest package.json named @onemessage/sdk", async () => {
    const { version } = JSON.parse(
      await (await import('node:fs/promises')).readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    expect(packageVersion(new URL('../../src/cli/gateway.ts', import.meta.url).href)).toBe(version);
    expect(packageVersion('file:///')).toBe('unknown');
  });
});

describe('readCommandLine', () => {
  it('prints the command and version for --version, exit 0', () => {
    const { out, output } = capture();
    expect(readCommandLine('tool', 'USAGE\n', () => 'version' as const, output, '1.2.3')).toEqual({
      ok: false,
      exitCode: 0,
    });
    expect(out).toEqual({ stdout: 'tool 1.2.3\n', stderr: '' });
  });

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
