// Messages/second of segments() against sms-segments-calculator and split-sms on a fixed, seeded
// mix: 70% short GSM-7, 20% long GSM-7 (with extension characters), 10% UCS-2 with emoji.
import { SegmentedMessage } from 'sms-segments-calculator';
import splitSms from 'split-sms';
import { segments } from '../../src/segments/index.js';
import { measure, printTable, type BenchResult } from './harness.js';

/** Deterministic 32-bit PRNG (mulberry32): the same seed gives the same mix on every machine. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = ['your', 'code', 'is', 'order', 'shipped', 'Hello', 'tomorrow', 'at', '10:30', 'reply', 'STOP',
  'to', 'opt-out', 'Café', 'Müller', 'Øresund', 'é', '£5', '€', '{name}', '[link]', 'Δ', '100%', '&', '@home'];
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

/** Runs the benchmark and prints the table with ratios against the faster peer. */
export async function run(): Promise<void> {
  const mix = segmentMix();
  const contenders: [string, (text: string) => unknown][] = [
    ['@onemessage/sdk segments()', (text) => segments(text)],
    ['sms-segments-calculator', (text) => new SegmentedMessage(text)],
    ['split-sms', (text) => splitSms.split(text)],
  ];
  // Rounds alternate the contenders and keep each one's best, so load from other processes on a
  // shared machine does not favour whoever happened to run in a quiet moment.
  const best = new Map<string, BenchResult>();
  for (let round = 0; round < 3; round++) {
    for (const [name, fn] of contenders) {
      let i = 0;
      const result = await measure(name, () => fn(mix[i++ % mix.length] as string), { ms: 500 });
      const previous = best.get(name);
      if (previous === undefined || result.opsPerSecond > previous.opsPerSecond) best.set(name, result);
    }
  }
  const [ours, ...peers] = [...best.values()] as [BenchResult, ...BenchResult[]];
  const fasterPeer = peers.reduce((a, b) => (a.opsPerSecond >= b.opsPerSecond ? a : b));
  const title = `segments: messages/second on ${mix.length} messages (70% short GSM-7, 20% long GSM-7, 10% UCS-2)`;
  printTable(title, [ours, ...peers], fasterPeer.name);
  const ratio = (ours.opsPerSecond / fasterPeer.opsPerSecond).toFixed(1);
  console.log(`segments() is ${ratio}× the faster peer (${fasterPeer.name})`);
}
