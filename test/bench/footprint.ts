// Row 7, footprint: min+gzip of the same small programs written against each package (entry and every lazily
// loaded chunk, bundled by esbuild as a user's bundler would), the installed size of each package with its
// dependency closure, and cold import time over bare `node` (median of whole-process runs, interleaved).
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { kb, median, mb, ROOT, size, times, type SummaryRow } from './harness.js';

const OURS = '@onemessage/sdk';
const WORK = join(ROOT, '.tmp/bench-footprint');

/** Each program, per package: the same task in each package's documented way. `null`: it has no such API. */
const PROGRAMS: Record<string, Record<string, string | null>> = {
  'webhook verification only': {
    [OURS]: `import { verifyWebhook } from '@onemessage/sdk/webhooks';
export const verify = (payload, signature, secret) => verifyWebhook({ payload, signature, secret });`,
    stripe: `import Stripe from 'stripe';
export const verify = (payload, header, secret) =>
  new Stripe('sk_test').webhooks.constructEvent(payload, header, secret);`,
    standardwebhooks: `import { Webhook } from 'standardwebhooks';
export const verify = (payload, headers, secret) => new Webhook(secret).verify(payload, headers);`,
    twilio: `import twilio from 'twilio';
export const verify = (token, signature, url, params) => twilio.validateRequest(token, signature, url, params);`,
    // Vonage signs webhooks with a JWT; its docs verify them with @vonage/jwt, a dependency of the server SDK.
    '@vonage/server-sdk': `import { verifySignature } from '@vonage/jwt';
export const verify = (token, secret) => verifySignature(token, secret);`,
    openai: `import OpenAI from 'openai';
export const verify = (payload, headers, secret) =>
  new OpenAI({ apiKey: 'sk', webhookSecret: secret }).webhooks.unwrap(payload, headers);`,
  },
  'segments only': {
    [OURS]: `import { segments } from '@onemessage/sdk/segments';
export const count = (text) => segments(text).segments;`,
    'split-sms': `import splitSms from 'split-sms';
export const count = (text) => splitSms.split(text).parts.length;`,
    'sms-segments-calculator': `import { SegmentedMessage } from 'sms-segments-calculator';
export const count = (text) => new SegmentedMessage(text).segmentsCount;`,
  },
  'construct client, send one message': {
    [OURS]: `import OneMessage from '@onemessage/sdk';
export const send = () =>
  new OneMessage({ apiKey: 'ark_test_x' }).messages.create({ to: '+447911123456', sender: 'OneMSG', body: 'Hi' });`,
    twilio: `import twilio from 'twilio';
export const send = () =>
  twilio('ACxxxxxxxx', 'token').messages.create({ to: '+447911123456', from: 'OneMSG', body: 'Hi' });`,
    '@vonage/server-sdk': `import { Vonage } from '@vonage/server-sdk';
export const send = () =>
  new Vonage({ apiKey: 'k', apiSecret: 's' }).sms.send({ to: '447911123456', from: 'OneMSG', text: 'Hi' });`,
    openai: `import OpenAI from 'openai';
export const send = () =>
  new OpenAI({ apiKey: 'sk' }).chat.completions.create({
    model: 'gpt-4o-mini',
    messages: [{ role: 'user', content: 'Hi' }],
  });`,
    stripe: `import Stripe from 'stripe';
export const send = () => new Stripe('sk_test').customers.create({ email: 'a@example.com' });`,
  },
};

/** The packages of the installed-size and cold-import comparison. */
const GROUP = [OURS, 'twilio', '@vonage/server-sdk', 'openai', 'stripe', 'standardwebhooks'];

/** min+gzip of the entry and every chunk it can load, or `undefined` when the package does not build there. */
async function bundled(file: string, platform: 'node' | 'browser'): Promise<number | undefined> {
  const outdir = join(dirname(file), `out-${platform}`);
  try {
    const { outputFiles } = await build({
      entryPoints: [file],
      outdir,
      bundle: true,
      minify: true,
      format: 'esm',
      platform,
      target: platform === 'node' ? 'node20' : 'es2022',
      splitting: true,
      write: false,
      logLevel: 'silent',
    });
    const js = outputFiles.filter((f) => f.path.endsWith('.js'));
    // Some Node-only packages map `browser` to a stub that only throws: that is no build.
    if (platform === 'browser' && js.every((f) => /Node-only|not supported in (the )?browser/i.test(f.text)))
      return undefined;
    return js.reduce((sum, f) => sum + gzipSync(f.contents, { level: 9 }).length, 0);
  } catch {
    return undefined;
  }
}

/** Apparent bytes of every file under `dir`, leaving out nested node_modules (counted as packages of their own). */
function bytesUnder(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) total += entry.name === 'node_modules' ? 0 : bytesUnder(path);
    else total += lstatSync(path).size;
  }
  return total;
}

type Lock = {
  packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }>;
};

/** Installed bytes of `name` and its dependency closure, resolved the way Node does through package-lock.json. */
function installedBytes(name: string, lock: Lock): number {
  const seen = new Set<string>();
  const resolve = (from: string, dependency: string): string | undefined => {
    for (let base = from; ; base = base.slice(0, Math.max(0, base.lastIndexOf('/node_modules/')))) {
      const candidate = `${base ? `${base}/` : ''}node_modules/${dependency}`;
      if (lock.packages[candidate]) return candidate;
      if (!base) return undefined;
    }
  };
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const entry = lock.packages[key]!;
    for (const dependency of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = resolve(key, dependency);
      if (found) visit(found);
    }
  };
  let own = 0;
  if (name === OURS) {
    // Ours is what `npm pack` publishes (package.json "files"), not the working tree.
    const { files } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { files: string[] };
    own = [...files, 'package.json'].reduce((sum, file) => {
      const path = join(ROOT, file);
      return sum + (lstatSync(path).isDirectory() ? bytesUnder(path) : lstatSync(path).size);
    }, 0);
    for (const dependency of Object.keys(lock.packages['']!.dependencies ?? {})) visit(`node_modules/${dependency}`);
  } else visit(`node_modules/${name}`);
  return (
    own +
    [...seen].filter((key) => existsSync(join(ROOT, key))).reduce((sum, key) => sum + bytesUnder(join(ROOT, key)), 0)
  );
}

/**
 * Cold import time over bare `node`: each sample is a fresh process timing its own first `import()`, so the
 * few milliseconds of process start-up noise on a shared machine do not swamp imports that cost a few more.
 * The median of `runs` processes per package, interleaved.
 */
function coldImports(names: string[], runs: number): Map<string, number> {
  const time = (name: string) => {
    const source = `const t = performance.now(); await import('${name}'); console.log(performance.now() - t);`;
    const { status, stdout, stderr } = spawnSync(process.execPath, ['--input-type=module', '-e', source], {
      cwd: ROOT,
    });
    if (status !== 0) throw new Error(`cold import of ${name} failed:\n${stderr}`);
    return Number(stdout.toString().trim());
  };
  const samples = new Map(names.map((name): [string, number[]] => [name, []]));
  for (let run = 0; run < runs; run++) for (const [name, list] of samples) list.push(time(name));
  return new Map(names.map((name) => [name, median(samples.get(name)!)]));
}

/** Our figure against the smallest of the peers that have one; "smallest of the group" is the target. */
function smallest(
  metric: string,
  figures: Map<string, number | undefined>,
  format: (n: number) => string,
  target: string,
): SummaryRow {
  const ours = figures.get(OURS);
  const peers = [...figures].filter(([name, n]) => name !== OURS && n !== undefined) as [string, number][];
  const [bestName, best] = peers.reduce((a, b) => (b[1] < a[1] ? b : a));
  const met = ours !== undefined && ours <= best;
  return {
    row: '7. Footprint',
    metric,
    ours: ours === undefined ? 'build failed' : format(ours),
    versus: `${bestName} ${format(best)}`,
    ratio: ours === undefined ? '—' : times(ours / best),
    target,
    met,
    ...(met
      ? {}
      : { note: `${[...figures].map(([name, n]) => `${name} ${n === undefined ? '—' : format(n)}`).join(', ')}` }),
  };
}

/** The size rows: each program bundled for Node (the table's figure) and for browsers (for reference). */
async function bundles(details: Record<string, string>[]): Promise<SummaryRow[]> {
  const summary: SummaryRow[] = [];
  for (const [program, sources] of Object.entries(PROGRAMS)) {
    const node = new Map<string, number | undefined>();
    const browser = new Map<string, number | undefined>();
    for (const [name, source] of Object.entries(sources)) {
      if (source === null) continue;
      const file = join(WORK, program.replace(/\W+/g, '-'), name.replace(/\W+/g, '-'), 'program.mjs');
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, `${source}\n`);
      const [forNode, forBrowser] = [await bundled(file, 'node'), await bundled(file, 'browser')];
      node.set(name, forNode);
      browser.set(name, forBrowser);
      details.push({
        program,
        package: name,
        'node bundle (min+gzip)': forNode === undefined ? 'build failed' : kb(forNode),
        'browser bundle (min+gzip)': forBrowser === undefined ? 'does not build' : kb(forBrowser),
      });
    }
    const row = smallest(`${program}, min+gzip (Node bundle)`, node, kb, 'smallest of the group');
    const forBrowsers = [...browser].filter(([, n]) => n !== undefined).map(([name, n]) => `${name} ${kb(n!)}`);
    if (!row.met) row.note = `${row.note}; bundled for browsers: ${forBrowsers.join(', ')}`;
    summary.push(row);
  }
  return summary;
}

/** Row 7. */
export async function run(): Promise<SummaryRow[]> {
  rmSync(WORK, { recursive: true, force: true });
  // The programs import `@onemessage/sdk` by name, as a user would: a link makes it resolve to this package.
  mkdirSync(join(WORK, 'node_modules/@onemessage'), { recursive: true });
  symlinkSync(ROOT, join(WORK, 'node_modules/@onemessage/sdk'), 'dir');
  const summary: SummaryRow[] = [];
  const details: Record<string, string>[] = [];
  try {
    summary.push(...(await bundles(details)));
  } finally {
    // The link points back at the repository: leave no loop behind for tools that walk the tree.
    rmSync(WORK, { recursive: true, force: true });
  }
  console.log('\nRow 7: bundles of the same programs (esbuild, minified ESM, gzip -9, entry + all lazy chunks)');
  console.table(details);

  const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
  const installed = new Map(GROUP.map((name) => [name, installedBytes(name, lock)]));
  const runs = size(11, 3);
  const cold = coldImports(GROUP, runs);
  console.log(
    `\nRow 7: installed size (package + dependency closure) and cold import over bare node (median of ${runs})`,
  );
  console.table(
    GROUP.map((name) => ({
      package: name,
      installed: mb(installed.get(name)!),
      'cold import': `${cold.get(name)!.toFixed(0)} ms`,
    })),
  );
  const ours = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
  const breakdown = Object.keys(ours.dependencies).map((name) => `${name} ${mb(installedBytes(name, lock))}`);
  const installedRow = smallest('installed size with dependencies', installed, mb, 'smallest of the group');
  if (!installedRow.met)
    installedRow.note = `ours is mostly its dependencies: ${breakdown.join(', ')}; ${installedRow.note}`;
  summary.push(
    installedRow,
    smallest(
      `cold import over bare node, median of ${runs}`,
      cold,
      (ms) => `${ms.toFixed(0)} ms`,
      'fastest of the group',
    ),
  );
  return summary;
}
