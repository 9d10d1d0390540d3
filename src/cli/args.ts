/**
 * What the command-line tools share: strict flag parsing, the help/usage-error exits, and
 * knowing whether a module is the script being run.
 * @module
 */

import { readFileSync, realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: the message names the flag and what it accepts. */
export class CliUsageError extends Error {
  /** Always `'CliUsageError'` (survives minification). */
  override readonly name = 'CliUsageError' as const;
}

/**
 * `node:util`'s `parseArgs` (strict: unknown flags are refused), failing with {@link CliUsageError}
 * in our words: node's own messages name the API (`argument is ambiguous`) and, for an unknown
 * option, end with an unbalanced quote.
 */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  const args = joinNegativeValues(config.args ?? process.argv.slice(2), config.options ?? {});
  try {
    return parseArgs({ ...config, args }) as ReturnType<typeof parseArgs<T>>;
  } catch (error) {
    throw new CliUsageError(describeParseError(error as Error & { code?: string }));
  }
}

type OptionsConfig = NonNullable<ParseArgsConfig['options']>;

// `--balance -5` is a flag followed by a negative number, not two flags: join it as `--balance=-5`.
function joinNegativeValues(args: readonly string[], options: OptionsConfig): string[] {
  const takesValue = (arg: string): boolean => {
    const long = /^--([^=]+)$/.exec(arg);
    if (long) return options[long[1]!]?.type === 'string';
    const short = /^-([^-])$/.exec(arg);
    return short !== null && Object.values(options).some((o) => o.short === short[1] && o.type === 'string');
  };
  const joined: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const next = args[i + 1];
    if (arg === '--') {
      joined.push(...args.slice(i));
      break;
    }
    if (next !== undefined && /^-\d/.test(next) && takesValue(arg)) {
      joined.push(arg.startsWith('--') ? `${arg}=${next}` : `${arg}${next}`);
      i++;
    } else {
      joined.push(arg);
    }
  }
  return joined;
}

function describeParseError(error: Error & { code?: string }): string {
  const quoted = /'([^']+)'/.exec(error.message)?.[1];
  switch (error.code) {
    case 'ERR_PARSE_ARGS_UNKNOWN_OPTION':
      return `unknown option '${quoted ?? ''}' (see --help; text that starts with '-' goes after --)`;
    case 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL':
      return `unexpected argument '${quoted ?? ''}' (see --help)`;
    case 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE': {
      // node names it as '-e, --encoding <value>' or '--balance': the long form is the one to show.
      const flag = /(--[\w-]+)/.exec(error.message)?.[1] ?? /'(-\w)/.exec(error.message)?.[1] ?? 'an option';
      if (/ambiguous/.test(error.message)) {
        return `${flag} needs a value; for one that starts with '-', write ${flag}=<value>`;
      }
      if (/argument missing/.test(error.message)) return `${flag} needs a value`;
      return `${flag} does not take a value`;
    }
    default:
      return error.message;
  }
}

/**
 * The version of the package a CLI ships in: the `package.json` of `@onemessage/sdk` found by
 * walking up from the CLI's own file (`import.meta.url`), in `src/cli/` and in `dist/cli/` alike.
 */
export function packageVersion(moduleUrl: string): string {
  for (let dir = new URL('.', moduleUrl); ; dir = new URL('..', dir)) {
    try {
      const pkg = JSON.parse(readFileSync(new URL('package.json', dir), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === '@onemessage/sdk' && pkg.version) return pkg.version;
    } catch {
      // No package.json here, or not ours: keep walking up.
    }
    if (new URL('..', dir).href === dir.href) return 'unknown';
  }
}

/** Where a command writes. */
export interface CliOutput {
  /** Normal output (the help text). */
  stdout: { write(chunk: string): unknown };
  /** Diagnostics (usage errors). */
  stderr: { write(chunk: string): unknown };
}

/**
 * Runs `parse` on the command line: the config to run with, or the exit status when there is
 * nothing to run: `--help` prints `usage` to stdout (0), `--version` prints `version` (0); a
 * {@link CliUsageError} prints the error and `usage` to stderr (2).
 */
export function readCommandLine<T>(
  command: string,
  usage: string,
  parse: () => T | 'help' | 'version',
  output: CliOutput,
  version = 'unknown',
): { ok: true; config: T } | { ok: false; exitCode: number } {
  let config: T | 'help' | 'version';
  try {
    config = parse();
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    output.stderr.write(`${command}: ${error.message}\n\n${usage}`);
    return { ok: false, exitCode: 2 };
  }
  if (config === 'help') {
    output.stdout.write(usage);
    return { ok: false, exitCode: 0 };
  }
  if (config === 'version') {
    output.stdout.write(`${command} ${version}\n`);
    return { ok: false, exitCode: 0 };
  }
  return { ok: true, config };
}

/** Whether the module at `moduleUrl` (its `import.meta.url`) is the script Node was started with. */
export function isEntryPoint(moduleUrl: string): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  // npm links bins through node_modules/.bin, so compare real paths, not the argv spelling.
  try {
    return moduleUrl === pathToFileURL(realpathSync(script)).href;
  } catch {
    return false;
  }
}
