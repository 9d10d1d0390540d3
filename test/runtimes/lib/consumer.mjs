// A fresh project that installs the package the way a user does: from the `npm pack` tarball,
// so only what `files` ships is there and dependencies come from the registry (or its cache).
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './proc.mjs';

/** Packs `packageDir` into a tarball inside `outDir`; returns the tarball's path. */
export async function pack(packageDir, outDir) {
  const result = await run('npm', ['pack', '--json', '--pack-destination', outDir], {
    cwd: packageDir,
    timeoutMs: 120_000,
  });
  if (result.code !== 0) throw new Error(`npm pack failed (exit ${result.code}):\n${result.stderr}`);
  const [{ filename }] = JSON.parse(result.stdout.slice(result.stdout.indexOf('[')));
  return join(outDir, filename.replace(/^@/, '').replace('/', '-'));
}

/**
 * Creates a temp project with the packed package installed by name.
 * @returns {{ dir: string, tarball: string, packageDir: string, cleanup(): void }}
 */
export async function createConsumer(repoDir, { name = 'onemessage-consumer', extraDependencies = [] } = {}) {
  const dir = mkdtempSync(join(tmpdir(), `${name}-`));
  const tarball = await pack(repoDir, dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name, private: true, type: 'module' }, null, 2));
  const result = await run(
    'npm',
    [
      'install',
      '--no-audit',
      '--no-fund',
      '--prefer-offline',
      '--ignore-scripts',
      '--no-package-lock',
      tarball,
      ...extraDependencies,
    ],
    { cwd: dir, timeoutMs: 10 * 60_000 },
  );
  if (result.code !== 0) {
    rmSync(dir, { recursive: true, force: true });
    throw new Error(`npm install of the packed tarball failed (exit ${result.code}):\n${result.stderr}`);
  }
  const pkgName = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8')).name;
  return {
    dir,
    tarball,
    packageDir: join(dir, 'node_modules', ...pkgName.split('/')),
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
