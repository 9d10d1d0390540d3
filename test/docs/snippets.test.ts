// The guides' code blocks are what users copy, so they run here. A ```ts block whose info string
// says `ts runnable` is a whole program: it is type-checked, run against a gateway, and must exit 0
// with nothing on stderr. `ts fragment` marks a piece of a larger program, shown, not run. In the
// guides listed in GUIDES every ```ts block must say which it is; any other guide in docs/ opts in
// block by block.
//
// A runnable block imports the package by its public name; the import is pointed at this
// repository's source (the file the package's `exports` map gives Node), the block is written to
// .tmp/docs-snippets/, type-checked with the project's compiler settings and run with tsx, with
// ONEMESSAGE_API_KEY and ONEMESSAGE_BASE_URL set to a gateway served on 127.0.0.1 by this test.
// A line ending in `// prints: <text>` must print a line containing <text>; `…` in <text>
// stands for any run of characters (an id, a time).
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type Gateway } from '../../src/gateway/index.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const WORK_DIR = join(ROOT, '.tmp', 'docs-snippets');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');
const TSC = join(ROOT, 'node_modules', '.bin', 'tsc');

/**
 * Guides where every ```ts block must declare its kind, and the fewest runnable blocks each may
 * have. Runnable blocks of every other guide in docs/ are run too: any guide can opt in.
 */
const GUIDES: Record<string, number> = {
  'docs/getting-started.md': 9,
  'docs/bulk-sending.md': 4,
  'docs/migrating-from-twilio.md': 2,
  'docs/migrating-from-vonage.md': 3,
};

interface CodeBlock {
  guide: string;
  /** 1-based line of the opening fence. */
  line: number;
  kind: 'runnable' | 'fragment' | undefined;
  code: string;
}

/** Every ```ts block of a markdown document, with the kind its info string declares. */
function tsBlocks(guide: string, markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const open = /^```(?:ts|typescript)\b(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const words = open[1]!.trim().split(/\s+/);
    const kind = words.includes('runnable') ? 'runnable' : words.includes('fragment') ? 'fragment' : undefined;
    const line = i + 1;
    const body: string[] = [];
    for (i++; i < lines.length && !/^```\s*$/.test(lines[i]!); i++) body.push(lines[i]!);
    blocks.push({ guide, line, kind, code: body.join('\n') });
  }
  return blocks;
}

/** Maps each public import path of the package to the source file Node would load for it. */
async function packageEntries(): Promise<Map<string, string>> {
  const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as {
    name: string;
    exports: Record<string, unknown>;
  };
  const entries = new Map<string, string>();
  for (const subpath of Object.keys(pkg.exports)) {
    if (subpath === './package.json') continue;
    const dir = subpath === '.' ? join(ROOT, 'src') : join(ROOT, 'src', subpath.slice(2));
    // The `node` condition's file where there is one, as Node resolves the package.
    const file = existsSync(join(dir, 'index.node.ts')) ? join(dir, 'index.node.ts') : join(dir, 'index.ts');
    entries.set(subpath === '.' ? pkg.name : `${pkg.name}/${subpath.slice(2)}`, file);
  }
  return entries;
}

/** Points `@onemessage/sdk…` imports at the source; throws on a subpath the package does not export. */
function rewriteImports(code: string, entries: Map<string, string>, fromDir: string): string {
  return code.replace(
    /(from\s+|import\s*\(\s*)(['"])(@onemessage\/sdk[^'"]*)\2/g,
    (_, lead: string, quote: string, specifier: string) => {
      const file = entries.get(specifier);
      if (!file) throw new Error(`imports ${specifier}, which package.json does not export`);
      const path = relative(fromDir, file).replace(/\.ts$/, '.js');
      return `${lead}${quote}${path.startsWith('.') ? path : `./${path}`}${quote}`;
    },
  );
}

/** The `// prints: …` expectations of a block, as patterns matched within one line of output. */
function printedExpectations(code: string): { text: string; pattern: RegExp }[] {
  return [...code.matchAll(/\/\/ prints: (.+)$/gm)].map((match) => {
    const text = match[1]!.trim();
    const source = text
      .split('…')
      .map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*?');
    return { text, pattern: new RegExp(source) };
  });
}

function fileName(block: CodeBlock): string {
  return `${block.guide.replace(/^docs\//, '').replace(/\.md$/, '')}-L${block.line}.ts`;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeout: number) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { cwd: ROOT, env, timeout }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      const killed = error && typeof error.code !== 'number' ? `\n${error.message}` : '';
      resolve({ code, stdout, stderr: stderr + killed });
    });
  });
}

const guideFiles = (await readdir(join(ROOT, 'docs')))
  .filter((name) => name.endsWith('.md'))
  .map((name) => `docs/${name}`);
// The README is the page npm shows: its blocks are held to the same rules as the guides'.
const scannedFiles = ['README.md', ...guideFiles];
const guides = await Promise.all(
  scannedFiles.map(async (guide) => ({ guide, markdown: await readFile(join(ROOT, guide), 'utf8') })),
);
const blocks = guides.flatMap(({ guide, markdown }) => tsBlocks(guide, markdown));
const runnable = blocks.filter((block) => block.kind === 'runnable');

describe('the snippet harness', () => {
  it('reads the kind of each ts block from its info string', () => {
    const markdown = [
      '```ts runnable',
      'a();',
      '```',
      'text',
      '```ts fragment',
      'b();',
      '```',
      '```ts',
      'c();',
      '```',
    ].join('\n');
    expect(tsBlocks('x.md', markdown).map((b) => [b.line, b.kind, b.code])).toEqual([
      [1, 'runnable', 'a();'],
      [5, 'fragment', 'b();'],
      [8, undefined, 'c();'],
    ]);
  });

  it('points package imports at the source and refuses a subpath the package does not export', async () => {
    const entries = await packageEntries();
    const code = "import OneMessage from '@onemessage/sdk';\nimport { verifyWebhook } from '@onemessage/sdk/webhooks';";
    expect(rewriteImports(code, entries, join(ROOT, '.tmp', 'x'))).toBe(
      "import OneMessage from '../../src/index.node.js';\nimport { verifyWebhook } from '../../src/webhooks/index.node.js';",
    );
    expect(() => rewriteImports("import x from '@onemessage/sdk/internal';", entries, ROOT)).toThrow(/does not export/);
  });

  it('matches `…` in a prints expectation to any text within one line', () => {
    const [expectation] = printedExpectations('log(x); // prints: msg_… is queued');
    expect(expectation!.pattern.test('msg_01J9 is queued')).toBe(true);
    expect(expectation!.pattern.test('msg_01J9\nis queued')).toBe(false);
    expect(expectation!.pattern.test('msg_01J9 is sent')).toBe(false);
  });
});

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
function anchorOf(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function anchorsOf(markdown: string): Set<string> {
  const anchors = new Set<string>();
  let inFence = false;
  for (const line of markdown.split('\n')) {
    if (line.startsWith('```')) inFence = !inFence;
    const heading = inFence ? null : /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) anchors.add(anchorOf(heading[1]!));
  }
  return anchors;
}

describe('the docs index and links', () => {
  it('docs/README.md links every guide in docs/', async () => {
    const index = await readFile(join(ROOT, 'docs', 'README.md'), 'utf8');
    const missing = guideFiles.filter(
      (file) => file !== 'docs/README.md' && !index.includes(`](./${file.slice('docs/'.length)})`),
    );
    expect(missing).toEqual([]);
  });

  it('the README links docs by absolute URL (npm shows it without the repository) to files that exist', async () => {
    const readme = await readFile(join(ROOT, 'README.md'), 'utf8');
    const pkg = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({
      repository: { url: expect.stringContaining('github.com/onemessage/onemessage-sdk-js') },
      homepage: expect.stringContaining('github.com/onemessage/onemessage-sdk-js'),
      bugs: { url: expect.stringContaining('github.com/onemessage/onemessage-sdk-js/issues') },
    });
    const relative = [...readme.matchAll(/\]\(([^)\s]+)\)/g)]
      .map((m) => m[1]!)
      .filter((link) => !/^[a-z]+:|^#/.test(link));
    expect(relative).toEqual([]);
    const base = 'https://github.com/onemessage/onemessage-sdk-js/blob/main/';
    for (const [, path] of readme.matchAll(
      /\]\(https:\/\/github\.com\/onemessage\/onemessage-sdk-js\/blob\/main\/([^)#\s]+)/g,
    )) {
      expect(existsSync(join(ROOT, path!)), `${base}${path}`).toBe(true);
    }
  });

  it('every relative link in the checked guides, the index and decisions.md reaches a file and heading', async () => {
    const broken: string[] = [];
    for (const guide of [...Object.keys(GUIDES), 'docs/README.md', 'docs/decisions.md']) {
      const markdown = await readFile(join(ROOT, guide), 'utf8');
      for (const [, link] of markdown.matchAll(/\]\(([^)\s]+)\)/g)) {
        if (/^[a-z]+:/.test(link!)) continue;
        const [path, anchor] = link!.split('#') as [string, string | undefined];
        const target = path === '' ? join(ROOT, guide) : join(ROOT, dirname(guide), path);
        if (!existsSync(target)) broken.push(`${guide}: ${link} (no such file)`);
        else if (anchor && target.endsWith('.md') && !anchorsOf(await readFile(target, 'utf8')).has(anchor)) {
          broken.push(`${guide}: ${link} (no such heading)`);
        }
      }
    }
    expect(broken).toEqual([]);
  });
});

describe('the guides’ code blocks', () => {
  it('each ```ts block of the checked guides declares whether it is runnable or a fragment', () => {
    const undeclared = blocks
      .filter((b) => b.guide in GUIDES && b.kind === undefined)
      .map((b) => `${b.guide}:${b.line}`);
    expect(undeclared).toEqual([]);
    // The guides tell readers that a OneMessage block starting with its imports is a whole, tested program.
    const untested = blocks
      .filter((b) => b.guide in GUIDES && b.kind === 'fragment' && /^\s*import\b[^;]*'@onemessage\/sdk/.test(b.code))
      .map((b) => `${b.guide}:${b.line}`);
    expect(untested).toEqual([]);
    // Everywhere else (the README, the other guides): a block that opens with a package import looks
    // like a whole program, so it must say whether it is one (runnable, and run) or a fragment.
    const looksWhole = blocks
      .filter((b) => b.kind === undefined && /^\s*import\b[^;]*'@onemessage\/sdk/.test(b.code))
      .map((b) => `${b.guide}:${b.line}`);
    expect(looksWhole).toEqual([]);
    // A guide whose blocks lost their marker would otherwise pass by running nothing.
    for (const [guide, least] of Object.entries(GUIDES)) {
      expect(runnable.filter((b) => b.guide === guide).length, guide).toBeGreaterThanOrEqual(least);
    }
  });

  describe('runnable blocks', () => {
    let gateway: Gateway;
    let env: NodeJS.ProcessEnv;
    let typeCheck: Promise<{ stdout: string }>;
    const files = new Map<CodeBlock, string>();

    beforeAll(async () => {
      // Fast delivery, so blocks that wait for a delivery report finish in well under a second.
      gateway = createGateway({ delivery: { sentAfterMs: 20, deliveredAfterMs: 60, slowDeliveredAfterMs: 500 } });
      const server = await gateway.listen({ port: 0, hostname: '127.0.0.1' });
      env = {
        ...process.env,
        ONEMESSAGE_API_KEY: gateway.apiKey,
        ONEMESSAGE_BASE_URL: server.url,
        NODE_NO_WARNINGS: '1',
      };
      await rm(WORK_DIR, { recursive: true, force: true });
      await mkdir(WORK_DIR, { recursive: true });
      const entries = await packageEntries();
      for (const block of runnable) {
        const file = join(WORK_DIR, fileName(block));
        // `export {}` keeps each file a module even if a block has no import, so top-level await works.
        await writeFile(file, `${rewriteImports(block.code, entries, WORK_DIR)}\nexport {};\n`);
        files.set(block, file);
      }
      const config = {
        extends: relative(WORK_DIR, join(ROOT, 'tsconfig.json')),
        compilerOptions: { noEmit: true },
        include: [...files.values()].map((file) => relative(WORK_DIR, file)),
      };
      await writeFile(join(WORK_DIR, 'tsconfig.json'), JSON.stringify(config, null, 2));
      // Started now, awaited last: the compiler and the runs overlap.
      typeCheck = run(TSC, ['-p', join(WORK_DIR, 'tsconfig.json'), '--pretty', 'false'], process.env, 170_000);
    });

    afterAll(async () => {
      await typeCheck;
      await gateway?.close();
    });

    for (const block of runnable) {
      const expectations = printedExpectations(block.code);
      it(`${block.guide}:${block.line} runs, exits 0 and prints what its comments say`, async () => {
        const { code, stdout, stderr } = await run(TSX, [files.get(block)!], env, 60_000);
        expect(stderr, `stderr of ${fileName(block)}`).toBe('');
        expect(code).toBe(0);
        for (const { text, pattern } of expectations) {
          expect(stdout, `${fileName(block)} should print a line matching "${text}"`).toMatch(pattern);
        }
      }, 90_000);
    }

    it('type-check under the project’s compiler settings', async () => {
      const { stdout } = await typeCheck;
      // The snippets' own errors count, and errors of the run itself (a bad config); errors in
      // src/ do not: other files may be mid-edit.
      const ours = stdout
        .split('\n')
        .filter(
          (line) => (line.includes('docs-snippets/') && line.includes('error TS')) || line.startsWith('error TS'),
        );
      expect(ours).toEqual([]);
    }, 180_000);
  });
});
