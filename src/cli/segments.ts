#!/usr/bin/env node
/**
 * `onemessage-segments`: how a text will be sent (encoding, parts, units) and which characters
 * forced UCS-2, for people writing templates.
 * @module
 */

import { readFileSync } from 'node:fs';
import { CliUsageError, isEntryPoint, packageVersion, parseFlags, readCommandLine } from './args.js';
import * as tables from '../segments/index.js';
import {
  GsmEncodingError,
  segments,
  type NationalLanguageTables,
  type SegmentOptions,
  type SegmentResult,
  type ShiftLanguage,
} from '../segments/index.js';

const LANGUAGES: readonly ShiftLanguage[] = [
  'turkish',
  'spanish',
  'portuguese',
  'bengali',
  'gujarati',
  'hindi',
  'kannada',
  'malayalam',
  'oriya',
  'punjabi',
  'tamil',
  'telugu',
  'urdu',
];

const USAGE = `Usage: onemessage-segments [options] <text…>
       onemessage-segments [options] < template.txt

Shows how an SMS will be sent: encoding, parts, units, and the characters that forced UCS-2.
With no text argument the text is read from stdin (one trailing newline is dropped).

Options:
  -a, --autoconvert <mode>      off | on | full: replace look-alikes (on) and transliterate
                                accented letters GSM-7 lacks (full)          default off
  -e, --encoding <encoding>     auto | GSM-7 | UCS-2                         default auto
  -l, --language-shift <list>   national shift tables, comma-separated or repeated:
                                ${LANGUAGES.slice(0, 7).join(', ')},
                                ${LANGUAGES.slice(7).join(', ')}, or all
      --json                    print the full result as JSON
  -h, --help                    show this help
  -v, --version                 print the version

Exit status: 0 on success, 1 when --encoding GSM-7 cannot carry the text, 2 on a usage error.
`;

/** What the command line asks for. */
export interface SegmentsCliConfig {
  text: string | undefined;
  options: SegmentOptions;
  json: boolean;
}

export { CliUsageError };

/** Turns argv (without `node` and the script) into a config, or `'help'` / `'version'`. */
export function parseCli(argv: string[]): SegmentsCliConfig | 'help' | 'version' {
  const { values, positionals } = parseFlags({
    args: argv,
    allowPositionals: true,
    options: {
      autoconvert: { type: 'string', short: 'a' },
      encoding: { type: 'string', short: 'e' },
      'language-shift': { type: 'string', short: 'l', multiple: true },
      json: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean', short: 'v' },
    },
  });
  if (values.help) return 'help';
  if (values.version) return 'version';
  return {
    text: positionals.length > 0 ? positionals.join(' ') : undefined,
    options: {
      encoding: parseEncoding(values.encoding),
      autoconvert: parseAutoconvert(values.autoconvert),
      languageShift: parseLanguages(values['language-shift'] ?? []),
    },
    json: values.json ?? false,
  };
}

function parseEncoding(value: string | undefined): SegmentOptions['encoding'] {
  if (value === undefined) return 'auto';
  const normalised = value
    .toUpperCase()
    .replace(/^GSM-?7$/, 'GSM-7')
    .replace(/^UCS-?2$/, 'UCS-2');
  if (normalised === 'AUTO') return 'auto';
  if (normalised === 'GSM-7' || normalised === 'UCS-2') return normalised;
  throw new CliUsageError(`--encoding must be auto, GSM-7 or UCS-2, got '${value}'`);
}

function parseAutoconvert(value: string | undefined): SegmentOptions['autoconvert'] {
  if (value === undefined) return 'off';
  if (value === 'off' || value === 'on' || value === 'full') return value;
  throw new CliUsageError(`--autoconvert must be off, on or full, got '${value}'`);
}

function parseLanguages(values: string[]): NationalLanguageTables[] {
  const names = values
    .flatMap((v) => v.split(','))
    .map((n) => n.trim().toLowerCase())
    .filter(Boolean);
  const wanted = names.includes('all') ? LANGUAGES : names;
  return wanted.map((name) => {
    if (!(LANGUAGES as readonly string[]).includes(name)) {
      throw new CliUsageError(`--language-shift: unknown language '${name}'; use ${LANGUAGES.join(', ')} or all`);
    }
    return tables[name as ShiftLanguage];
  });
}

/** How to draw the characters that forced UCS-2. */
export interface RenderStyle {
  /** ANSI colours (a terminal); otherwise a `^` marker line under each text line. */
  color: boolean;
}

const RED_INVERSE = '\u001b[7;31m';
const BOLD = '\u001b[1m';
const RESET = '\u001b[0m';

/** The human-readable report. */
export function render(result: SegmentResult, style: RenderStyle, tip?: AutoconvertTip): string {
  const unit = result.encoding === 'GSM-7' ? 'septets' : 'code units';
  const bold = (s: string): string => (style.color ? `${BOLD}${s}${RESET}` : s);
  const lines: string[] = [];
  const culprits = result.nonGsmCharacters.length;
  lines.push(
    `Encoding:   ${bold(result.encoding)}` + (culprits > 0 ? ` (forced by ${plural(culprits, 'character')})` : ''),
  );
  lines.push(
    `Parts:      ${bold(String(result.segments))}` +
      (result.segments > 1
        ? ` × up to ${result.unitsPerSegment} ${unit}`
        : ` (up to ${result.unitsPerSegment} ${unit})`),
  );
  lines.push(`Units:      ${result.units} ${unit}, ${result.remaining} left in the last part`);
  lines.push(`Characters: ${result.characters}`);
  if (result.lockingShift !== null || result.singleShift !== null) {
    lines.push(`Shift:      locking ${result.lockingShift ?? 'default'}, single ${result.singleShift ?? 'default'}`);
  }
  if (culprits > 0) {
    lines.push(
      `Non-GSM:    ${result.nonGsmCharacters.map(({ char, index }) => `${describe(char)} at ${index}`).join(', ')}`,
    );
  }
  if (culprits > 0) lines.push('', ...highlight(result, style));
  if (result.segments > 1) {
    lines.push('');
    result.parts.forEach((part, i) => lines.push(`Part ${i + 1}: ${JSON.stringify(part)}`));
  }
  if (tip !== undefined) {
    const { mode, result: converted } = tip;
    const parts = plural(converted.segments, 'part');
    lines.push('', `Tip: --autoconvert ${mode} sends it as GSM-7 in ${parts}: ${JSON.stringify(converted.text)}`);
  }
  return lines.join('\n') + '\n';
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

/** `“ U+201C`: the character and its code point, so invisible ones can be found. */
function describe(char: string): string {
  const code = (char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  const visible = /^[\p{L}\p{N}\p{P}\p{S}]+$/u.test(char) ? `${char} ` : '';
  return `${visible}U+${code}`;
}

/** The text, line by line, with the culprits coloured (TTY) or marked with `^` below. */
function highlight(result: SegmentResult, style: RenderStyle): string[] {
  const flagged = new Map(result.nonGsmCharacters.map((c) => [c.index, c.char]));
  const out: string[] = [];
  let line = '';
  let marks = '';
  let marked = false;
  const flush = (): void => {
    out.push(line);
    if (!style.color && marked) out.push(marks.trimEnd());
    line = '';
    marks = '';
    marked = false;
  };
  const text = result.text;
  for (let i = 0; i < text.length;) {
    const code = text.codePointAt(i) ?? 0;
    const char = String.fromCodePoint(code);
    const culprit = flagged.get(i);
    const step = culprit?.length ?? char.length;
    if (code === 0x0a) {
      flush();
    } else if (culprit !== undefined) {
      const shown = isInvisible(code) ? `<U+${code.toString(16).toUpperCase().padStart(4, '0')}>` : culprit;
      line += style.color ? `${RED_INVERSE}${shown}${RESET}` : shown;
      marks += '^'.repeat(Math.max(1, widthOf(shown)));
      marked = true;
    } else if (code !== 0x0d) {
      line += char;
      marks += ' '.repeat(widthOf(char));
    }
    i += step;
  }
  flush();
  return out;
}

const isInvisible = (code: number): boolean =>
  code < 0x20 ||
  (code >= 0x7f && code <= 0xa0) ||
  code === 0xad ||
  (code >= 0x2000 && code <= 0x200f) ||
  (code >= 0x2028 && code <= 0x202f) ||
  (code >= 0x205f && code <= 0x2064) ||
  code === 0x3000 ||
  code === 0xfeff ||
  (code >= 0xd800 && code <= 0xdfff);

/** Terminal columns of a string: 0 for combining marks, 2 for wide (CJK, emoji), else 1. */
function widthOf(text: string): number {
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (/\p{M}|\u200d|[\ufe00-\ufe0f]/u.test(char)) continue;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      code >= 0x20000;
    width += wide ? 2 : 1;
  }
  return width;
}

/** What the process needs: argv, stdin and the two output streams. */
export interface CliIo {
  argv: string[];
  readStdin: () => string | undefined;
  stdout: { write(chunk: string): unknown; isTTY?: boolean };
  stderr: { write(chunk: string): unknown };
  noColor: boolean;
}

/** Runs the command; returns the exit status. */
export function main(io: CliIo): number {
  const version = packageVersion(import.meta.url);
  const commandLine = readCommandLine('onemessage-segments', USAGE, () => parseCli(io.argv), io, version);
  if (!commandLine.ok) return commandLine.exitCode;
  const { config } = commandLine;
  const text = config.text ?? io.readStdin()?.replace(/\r?\n$/, '');
  if (text === undefined) {
    io.stderr.write(`onemessage-segments: no text given\n\n${USAGE}`);
    return 2;
  }
  let result: SegmentResult;
  try {
    result = segments(text, config.options);
  } catch (error) {
    if (error instanceof GsmEncodingError) {
      io.stderr.write(`onemessage-segments: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
  if (config.json) {
    io.stdout.write(JSON.stringify(result, null, 2) + '\n');
    return 0;
  }
  const style = { color: io.stdout.isTTY === true && !io.noColor };
  io.stdout.write(render(result, style, autoconvertTip(text, config.options, result)));
  return 0;
}

/** An autoconvert mode that would let UCS-2 text go as GSM-7, and what it would send. */
export interface AutoconvertTip {
  mode: 'on' | 'full';
  result: SegmentResult;
}

function autoconvertTip(text: string, options: SegmentOptions, result: SegmentResult): AutoconvertTip | undefined {
  if (result.encoding !== 'UCS-2' || options.autoconvert !== 'off' || options.encoding !== 'auto') return undefined;
  for (const mode of ['on', 'full'] as const) {
    const converted = segments(text, { ...options, autoconvert: mode });
    if (converted.encoding === 'GSM-7') return { mode, result: converted };
  }
  return undefined;
}

function readStdin(): string | undefined {
  if (process.stdin.isTTY) return undefined;
  try {
    return readFileSync(0, 'utf8');
  } catch {
    return undefined;
  }
}

if (isEntryPoint(import.meta.url)) {
  process.exitCode = main({
    argv: process.argv.slice(2),
    readStdin,
    stdout: process.stdout,
    stderr: process.stderr,
    noColor: process.env.NO_COLOR !== undefined && process.env.NO_COLOR !== '',
  });
}
