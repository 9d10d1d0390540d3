// Installs what the matrix needs from the project's own files: the runtimes from
// test/runtimes/package-lock.json and Chromium from Debian's packages.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './proc.mjs';

const STAMP = '.matrix-stamp';

/** Where each runtime's binary lands once test/runtimes is installed (first existing candidate wins). */
export function runtimeBinaries(runtimesDir) {
  const nm = join(runtimesDir, 'node_modules');
  return {
    node22: [join(nm, 'node22/bin/node')],
    node24: [join(nm, 'node24/bin/node')],
    // The postinstall scripts copy the platform binary next to the wrapper; without them the
    // optional platform package still holds it.
    deno: [join(nm, 'deno/deno'), join(nm, '@deno/linux-x64-glibc/deno'), join(nm, '@deno/linux-arm64-glibc/deno')],
    bun: [
      join(nm, 'bun/bin/bun.exe'),
      join(nm, '@oven/bun-linux-x64/bin/bun'),
      join(nm, '@oven/bun-linux-aarch64/bin/bun'),
    ],
    workerd: [
      join(nm, '@cloudflare/workerd-linux-64/bin/workerd'),
      join(nm, '@cloudflare/workerd-linux-arm64/bin/workerd'),
    ],
  };
}

/** The first candidate path that exists, or undefined. */
export function firstExisting(paths) {
  return paths.find((path) => existsSync(path) && !isPlaceholder(path));
}

// bun ships a tiny placeholder bin/bun.exe that its postinstall replaces with the real binary.
function isPlaceholder(path) {
  try {
    return readFileSync(path).length < 4096;
  } catch {
    return true;
  }
}

function lockDigest(runtimesDir) {
  const hash = createHash('sha256');
  for (const file of ['package.json', 'package-lock.json']) hash.update(readFileSync(join(runtimesDir, file)));
  return hash.digest('hex');
}

/**
 * Installs test/runtimes/package-lock.json when node_modules is missing, was installed from
 * another lockfile, or lacks a binary.
 *
 * `npm ci`: the lockfile lists every platform's optional binary package, so npm installs exactly
 * what it pins and never rewrites it. Install scripts run only for the packages listed in
 * `allowScripts` (npm 11 blocks the rest).
 */
export async function ensureRuntimes(runtimesDir, log) {
  const stampPath = join(runtimesDir, 'node_modules', STAMP);
  const digest = lockDigest(runtimesDir);
  const binaries = runtimeBinaries(runtimesDir);
  const fresh =
    existsSync(stampPath) &&
    readFileSync(stampPath, 'utf8') === digest &&
    Object.values(binaries).every((candidates) => firstExisting(candidates));
  if (fresh) return;
  log('installing runtimes: npm ci in test/runtimes, from its package-lock.json');
  const result = await run('npm', ['ci', '--no-audit', '--no-fund', '--prefer-offline'], {
    cwd: runtimesDir,
    timeoutMs: 15 * 60_000,
  });
  if (result.code !== 0) {
    throw new Error(`npm ci in test/runtimes failed (exit ${result.code}):\n${result.stderr || result.stdout}`);
  }
  writeFileSync(stampPath, digest);
}

/** Installs Debian's chromium when it is missing and we are root; returns its path or an error. */
export async function ensureChromium(log, executablePath = '/usr/bin/chromium') {
  if (existsSync(executablePath)) return { executablePath };
  if (process.getuid?.() !== 0) {
    return { error: `${executablePath} is missing; install it with: sudo apt-get install -y chromium` };
  }
  log('installing chromium: apt-get update && apt-get install -y chromium');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const update = await run('apt-get', ['update', '-qq'], { env, timeoutMs: 10 * 60_000 });
  if (update.code !== 0) return { error: `apt-get update failed: ${update.error?.message ?? update.stderr.trim()}` };
  const install = await run('apt-get', ['install', '-y', '-qq', 'chromium'], { env, timeoutMs: 20 * 60_000 });
  if (install.code !== 0 || !existsSync(executablePath)) {
    return { error: `apt-get install chromium failed: ${install.error?.message ?? install.stderr.trim()}` };
  }
  return { executablePath };
}
