// Messages/second of segments() against sms-segments-calculator and split-sms on a fixed, seeded
// mix: 70% short GSM-7, 20% long GSM-7 (with extension characters), 10% UCS-2 with emoji.
// The floor is a bare single pass that only looks each character up in the GSM-7 tables: what counting costs with
// nothing else (no splitting, no national tables, no character report).
import { mulberry32 as random } from '../../src/gateway/faults/prng.js';
import { bestOf, load, printTable, size, times, perSecond, type SummaryRow } from './harness.js';

const WORDS = [
  'your',
  'code',
  'is',
  'order',
  'shipped',
  'Hello',
  'tomorrow',
  'at',
  '10:30',
  'reply',
  'STOP',
  'to',
  'opt-out',
  'Café',
  'Müller',
  'Øresund',
  'é',
  '£5',
  '€',
  '{name}',
  '[link]',
  'Δ',
  '100%',
  '&',
  '@home',
];
const UCS2 = ['😀', '👍🏽', '🎉', 'привет', 'ç', '日本', '❤️', '✓', 'ş'];

function text(next: () => number, minLength: number, maxLength: number, extra: readonly string[]): string {
  const target = minLength + Math.floor(next() * (maxLength - minLength));
  let out = '';
  while (out.length < target) {
    const pool = extra.length > 0 && next() < 0.15 ? extra : WORDS;
    out += (out ? (next() < 0.1 ? '\n' : ' ') : '') + pool[Math.floor(next() * pool.length)];
  }
  return out;
}

/** The benchmark mix; also used by the tests that compare results with the peers. */
export function segmentMix(count = 1000, seed = 0x5e9): string[] {
  const next = random(seed);
  const mix: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = next();
    if (kind < 0.7) mix.push(text(next, 10, 150, []));
    else if (kind < 0.9) mix.push(text(next, 161, 600, []));
    else mix.push(text(next, 20, 250, UCS2));
  }
  return mix;
}

const GSM_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?' +
  '¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM_EXTENSION = '\f^{}\\[~]|€';
// Septets per UTF-16 code unit: 1 basic, 2 extension (escape + character), 0 not in GSM-7.
const SEPTETS = new Uint8Array(65_536);
for (const c of GSM_BASIC) SEPTETS[c.charCodeAt(0)] = 1;
for (const c of GSM_EXTENSION) SEPTETS[c.charCodeAt(0)] = 2;

/** The floor: one pass, one table look-up per character, then the segment count. */
function floorSegments(text: string): number {
  let septets = 0;
  for (let i = 0; i < text.length; i++) {
    const cost = SEPTETS[text.charCodeAt(i)]!;
    if (cost === 0) return text.length <= 70 ? 1 : Math.ceil(text.length / 67);
    septets += cost;
  }
  return septets <= 160 ? 1 : Math.ceil(septets / 153);
}

const FLOOR = 'floor: one GSM-table look-up per character';

/** Row 3: prints the table and returns the ratios against the faster peer and the floor. */
export async function run(): Promise<SummaryRow[]> {
  const [{ segments }, { SegmentedMessage }, { default: splitSms }] = await Promise.all([
    load<typeof import('../../src/segments/index.js')>('@onemessage/sdk/segments'),
    import('sms-segments-calculator'),
    import('split-sms'),
  ]);
  const mix = segmentMix(size(1000, 100));
  const OURS = '@onemessage/sdk segments()';
  const each = (fn: (text: string) => unknown) => {
    let i = 0;
    return () => fn(mix[i++ % mix.length]!);
  };
  const results = await bestOf(3, {
    [OURS]: each((text) => segments(text)),
    'sms-segments-calculator': each((text) => new SegmentedMessage(text)),
    'split-sms': each((text) => splitSms.split(text)),
    [FLOOR]: each(floorSegments),
  });
  const by = new Map(results.map((r) => [r.name, r]));
  const ours = by.get(OURS)!;
  const floor = by.get(FLOOR)!;
  const peers = results.filter((r) => r !== ours && r !== floor);
  const fasterPeer = peers.reduce((a, b) => (a.opsPerSecond >= b.opsPerSecond ? a : b));
  printTable(
    `Row 3: segments, messages/second on ${mix.length} messages (70% short GSM-7, 20% long GSM-7, 10% UCS-2)`,
    results,
    fasterPeer.name,
  );
  const overPeer = ours.opsPerSecond / fasterPeer.opsPerSecond;
  const underFloor = floor.opsPerSecond / ours.opsPerSecond;
  return [
    {
      row: '3. Segments',
      metric: 'msgs/s ÷ faster peer',
      ours: perSecond(ours.opsPerSecond),
      versus: `${fasterPeer.name} ${perSecond(fasterPeer.opsPerSecond)}`,
      ratio: times(overPeer),
      target: '≥ 10×',
      met: overPeer >= 10,
    },
    {
      row: '3. Segments',
      metric: 'time per msg ÷ floor',
      ours: perSecond(ours.opsPerSecond),
      versus: `floor ${perSecond(floor.opsPerSecond)}`,
      ratio: times(underFloor),
      target: '≤ 2×',
      met: underFloor <= 2,
      ...(underFloor > 2
        ? { note: 'segments() also reports characters, parts and the national tables it would need' }
        : {}),
    },
  ];
}
