/**
 * What the command-line tools share: strict flag parsing, the help/usage-error exits, and
 * knowing whether a module is the script being run.
 * @module
 */

import { realpathSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** A command-line mistake: the message names the flag and what it accepts. */
export class CliUsageError extends Error {
  /** Always `'CliUsageError'` (survives minification). */
  override readonly name = 'CliUsageError' as const;
}

/** `node:util`'s `parseArgs` (strict: unknown flags are refused), failing with {@link CliUsageError}. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new CliUsageError((error as Error).message);
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
 * nothing to run: `--help` prints `usage` to stdout (0); a {@link CliUsageError} prints the
 * error and `usage` to stderr (2).
 */
export function readCommandLine<T>(
  command: string,
  usage: string,
  parse: () => T | 'help',
  output: CliOutput,
): { ok: true; config: T } | { ok: false; exitCode: number } {
  let config: T | 'help';
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
