// The lockfiles must be complete (`npm ci` accepts them) and stable (installing from them
// rewrites nothing). `npm install`, which CI runs, would silently repair an incomplete lockfile,
// so `npm ci --dry-run` on a copy is the check that a fresh clone can really use `npm ci`.
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from '../../runtimes/lib/proc.mjs';

/** The project folders whose package-lock.json is tracked. */
export const LOCKED_FOLDERS = ['.', 'test/runtimes'];

/** One row per tracked lockfile: does `npm ci` accept it as it is? */
export async function checkLockfiles(repoDir) {
  const rows = [];
  for (const folder of LOCKED_FOLDERS) {
    const scratch = mkdtempSync(join(tmpdir(), 'onemessage-lockfile-'));
    try {
      for (const file of ['package.json', 'package-lock.json'])
        copyFileSync(join(repoDir, folder, file), join(scratch, file));
      const result = await run('npm', ['ci', '--dry-run', '--ignore-scripts', '--no-audit', '--no-fund'], {
        cwd: scratch,
        timeoutMs: 120_000,
      });
      const reason = result.stderr
        .split('\n')
        .filter((line) => /Missing|invalid|sync/i.test(line))
        .slice(0, 5);
      rows.push({
        name: `npm ci accepts ${join(folder, 'package-lock.json')}`,
        measured: result.code === 0 ? 'accepted' : `refused (exit ${result.code})`,
        limit: 'accepted',
        ok: result.code === 0,
        detail: reason.join('\n'),
      });
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }
  return rows;
}
