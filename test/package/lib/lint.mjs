// publint and @arethetypeswrong/cli on the packed tarball: what npm users will actually get.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../../runtimes/lib/proc.mjs';

/** publint over the package folder, with the file list `npm pack` would ship. Errors and warnings fail. */
export async function checkPublint(repoDir) {
  const { publint } = await import('publint');
  const { formatMessage } = await import('publint/utils');
  const pkg = JSON.parse(readFileSync(join(repoDir, 'package.json'), 'utf8'));
  const { messages } = await publint({ pkgDir: repoDir, level: 'suggestion', pack: 'npm', strict: true });
  const lines = messages.map((m) => `${m.type}: ${formatMessage(m, pkg) ?? m.code}`);
  const blocking = messages.filter((m) => m.type !== 'suggestion');
  return {
    name: 'publint (strict)',
    measured: `${blocking.length} errors/warnings, ${messages.length - blocking.length} suggestions`,
    limit: '0 errors/warnings',
    ok: blocking.length === 0,
    detail: lines.join('\n'),
  };
}

/**
 * attw with the `node16` profile: node16 (CJS and ESM) and bundler resolution. The `strict`
 * profile adds node10, which cannot see subpath `exports` at all and which TypeScript 6
 * deprecates; `main`/`types` still serve node10 for the root entry.
 */
export async function checkAttw(toolsDir, tarball) {
  const bin = join(toolsDir, 'node_modules/@arethetypeswrong/cli/dist/index.js');
  const result = await run(process.execPath, [bin, tarball, '--profile', 'node16', '--format', 'json'], {
    cwd: toolsDir,
    timeoutMs: 180_000,
  });
  let problems;
  try {
    const report = JSON.parse(result.stdout);
    if (report.analysis?.types === false) {
      return {
        name: 'attw --profile node16',
        measured: 'no types found',
        limit: '0 problems',
        ok: false,
        detail: 'the tarball ships no .d.ts for its entry points',
      };
    }
    // The JSON report lists every resolution mode; the node16 profile leaves node10 out.
    problems = (report.analysis?.problems ?? []).filter((p) => p.resolutionKind !== 'node10');
  } catch {
    return {
      name: 'attw --profile node16',
      measured: 'no report',
      limit: '0 problems',
      ok: false,
      detail: result.stderr || result.stdout,
    };
  }
  const detail = problems
    .map((p) =>
      `${p.kind}: ${p.entrypoint ?? ''} ${p.resolutionKind ?? ''} ${p.typesFileName ?? p.implementationFileName ?? ''}`.trim(),
    )
    .join('\n');
  return {
    name: 'attw --profile node16',
    measured: `${problems.length} problems`,
    limit: '0 problems',
    ok: result.code === 0 && problems.length === 0,
    detail: detail || (result.code !== 0 ? result.stderr : ''),
  };
}
