import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main, parseCli, render, type CliIo } from '../../src/cli/segments.js';
import { segments, turkish } from '../../src/segments/index.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const tsx = fileURLToPath(new URL('../../node_modules/.bin/tsx', import.meta.url));

/** Spawns the real bin through tsx, as `npx tsx src/cli/segments.ts …` would. */
function run(args: string[], input?: string) {
  const child = spawnSync(tsx, ['src/cli/segments.ts', ...args], {
    cwd: root,
    input: input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '' },
  });
  return { status: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Runs main() in-process with captured output. */
function runInProcess(argv: string[], { tty = false, stdin }: { tty?: boolean; stdin?: string } = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = {
    argv,
    readStdin: () => stdin,
    stdout: { write: (chunk: string) => (stdout += chunk), isTTY: tty },
    stderr: { write: (chunk: string) => (stderr += chunk) },
    noColor: false,
  };
  return { status: main(io), stdout, stderr };
}

describe('onemessage-segments (spawned)', () => {
  it('starts with a node shebang', async () => {
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(new URL('../../src/cli/segments.ts', import.meta.url), 'utf8').split('\n')[0]).toBe(
      '#!/usr/bin/env node',
    );
  });

  it('prints encoding, parts and units, and marks what forced UCS-2 under the text when not a TTY', () => {
    const { status, stdout } = run(['Olá ça va']);
    expect(status).toBe(0);
    expect(stdout).toContain('Encoding:   UCS-2 (forced by 2 characters)');
    expect(stdout).toContain('Parts:      1 (up to 70 code units)');
    expect(stdout).toContain('Units:      9 code units, 61 left in the last part');
    expect(stdout).toContain('Non-GSM:    á U+00E1 at 2, ç U+00E7 at 4');
    expect(stdout).toContain('Olá ça va\n  ^ ^\n');
    expect(stdout).not.toContain('\u001b[');
  });

  it('reads the text from stdin and drops the trailing newline', () => {
    const { status, stdout } = run(['--json'], `${'a'.repeat(161)}\n`);
    expect(status).toBe(0);
    const result = JSON.parse(stdout) as ReturnType<typeof segments>;
    expect(result).toMatchObject({ encoding: 'GSM-7', segments: 2, units: 161 });
  });

  it('applies --autoconvert, --encoding and --language-shift', () => {
    const json = (args: string[]) => JSON.parse(run([...args, '--json']).stdout) as ReturnType<typeof segments>;
    expect(json(['--autoconvert', 'on', '“Hi”']).text).toBe('"Hi"');
    expect(json(['-e', 'ucs2', 'Hi']).encoding).toBe('UCS-2');
    expect(json(['--language-shift', 'turkish', 'Şişli']).encoding).toBe('GSM-7');
    expect(json(['-l', 'spanish,portuguese', 'ação']).lockingShift).toBe('portuguese');
  });

  it('exits 1 with the typed error message when GSM-7 is forced on text it cannot carry', () => {
    const { status, stderr } = run(['--encoding', 'GSM-7', 'x😀']);
    expect(status).toBe(1);
    expect(stderr).toContain('"😀" at 1');
  });

  it('exits 2 on a bad flag value, naming the flag', () => {
    const { status, stderr } = run(['--autoconvert', 'maybe', 'x']);
    expect(status).toBe(2);
    expect(stderr).toContain("--autoconvert must be off, on or full, got 'maybe'");
  });
});

describe('onemessage-segments (in process)', () => {
  it('colours the culprits with ANSI on a TTY, without a marker line', () => {
    const { stdout } = runInProcess(['a😀b'], { tty: true });
    expect(stdout).toContain('a\u001b[7;31m😀\u001b[0mb');
    expect(stdout).not.toMatch(/\n\s*\^/);
  });

  it('marks an emoji with two carets (it is two columns wide) and names invisible characters', () => {
    const { stdout } = runInProcess(['a😀b\u00a0c']);
    expect(stdout).toContain('a😀b<U+00A0>c\n ^^ ^^^^^^^^\n');
  });

  it('suggests autoconvert when it would turn UCS-2 into GSM-7', () => {
    expect(runInProcess(['It’s fine']).stdout).toContain(
      `Tip: --autoconvert on sends it as GSM-7 in 1 part: "It's fine"`,
    );
    expect(runInProcess(['Olá']).stdout).toContain('Tip: --autoconvert full');
    expect(runInProcess(['😀']).stdout).not.toContain('Tip:');
  });

  it('lists the parts of a long message', () => {
    const { stdout } = runInProcess(['a'.repeat(200)]);
    expect(stdout).toContain(`Part 1: "${'a'.repeat(153)}"`);
    expect(stdout).toContain(`Part 2: "${'a'.repeat(47)}"`);
  });

  it('reports the shift tables in use', () => {
    const text = render(segments('Şişli', { languageShift: turkish }), { color: false });
    expect(text).toContain('Shift:      locking turkish, single default');
  });

  it('asks for text when there is none', () => {
    const { status, stderr } = runInProcess([]);
    expect(status).toBe(2);
    expect(stderr).toContain('no text given');
  });

  it('parses every language and "all"', () => {
    const config = parseCli(['-l', 'all', 'x']);
    expect(
      typeof config === 'object' && Array.isArray(config.options.languageShift) && config.options.languageShift.length,
    ).toBe(13);
    expect(parseCli(['--help'])).toBe('help');
    expect(parseCli(['--version'])).toBe('version');
  });

  it('refuses an unknown flag with a balanced message, the usage and status 2', () => {
    const { status, stderr } = runInProcess(['--bogus']);
    expect(status).toBe(2);
    const first = stderr.split('\n')[0]!;
    expect(first).toBe(
      "onemessage-segments: unknown option '--bogus' (see --help; text that starts with '-' goes after --)",
    );
    expect((first.match(/'/g) ?? []).length % 2).toBe(0);
    expect((first.match(/"/g) ?? []).length % 2).toBe(0);
    expect(stderr).toContain('Usage: onemessage-segments');
  });

  it('prints its version with --version (spawned, as the bin)', async () => {
    const { version } = JSON.parse(
      await (await import('node:fs/promises')).readFile(new URL('../../package.json', import.meta.url), 'utf8'),
    );
    expect(run(['--version'])).toMatchObject({ status: 0, stdout: `onemessage-segments ${version}\n` });
  });
});
