// segments() against the peers on npm: identical wherever they are right; each difference below
// is listed and justified in docs/segments.md.
import { SegmentedMessage } from 'sms-segments-calculator';
import splitSms from 'split-sms';
import { describe, expect, it } from 'vitest';
import { segmentMix } from '../bench/segments.js';
import { segments } from '../../src/segments/index.js';

function twilio(text: string) {
  const message = new SegmentedMessage(text);
  const parts = message.segments.map((segment) => {
    let part = '';
    for (const char of segment as unknown as { raw?: string; isUserDataHeader?: boolean }[]) {
      if (!char.isUserDataHeader) part += char.raw;
    }
    return part;
  });
  return { encoding: message.encodingName, segments: message.segmentsCount, parts };
}

function split(text: string) {
  const result = splitSms.split(text);
  return {
    encoding: result.characterSet === 'GSM' ? 'GSM-7' : 'UCS-2',
    segments: result.parts.length,
    parts: result.parts.map((p) => p.content ?? ''),
    remaining: result.remainingInPart,
  };
}

const ours = (text: string) => {
  const { encoding, segments: count, parts, remaining } = segments(text);
  return { encoding, segments: count, parts, remaining };
};

/** Offsets where a grapheme cluster continues (a boundary there splits a user-perceived character). */
function insideCluster(text: string): Set<number> {
  const inside = new Set<number>();
  for (const { index, segment } of new Intl.Segmenter().segment(text)) {
    for (let i = 1; i < segment.length; i++) inside.add(index + i);
  }
  return inside;
}

const boundaries = (parts: string[]): number[] =>
  parts.slice(0, -1).map((_, i) => parts.slice(0, i + 1).join('').length);

const agreed: Record<string, string> = {
  empty: '',
  '159 septets': 'a'.repeat(159),
  '160 septets': 'a'.repeat(160),
  '161 septets': 'a'.repeat(161),
  '306 septets': 'a'.repeat(306),
  '307 septets': 'a'.repeat(307),
  'escape at septets 152–153': 'a'.repeat(151) + '€' + 'b'.repeat(20),
  'escape at septets 153–154': 'a'.repeat(152) + '€' + 'b'.repeat(20),
  '159 + €': 'a'.repeat(159) + '€',
  '69 code units': 'я'.repeat(69),
  '70 code units': 'я'.repeat(70),
  '71 code units': 'я'.repeat(71),
  'emoji at code units 66–67': 'я'.repeat(65) + '😀' + 'я'.repeat(10),
  'emoji straddling 67–68': 'я'.repeat(66) + '😀' + 'я'.repeat(10),
  'every GSM-7 character':
    '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà\f^{}\\[~]|€',
  'ç is not Ç': 'ç',
  backtick: '`',
  'escape character itself': '\u001b',
  'CRLF across a GSM boundary': 'a'.repeat(152) + '\r\n' + 'a'.repeat(20),
};

describe('segments() agrees with both peers', () => {
  it.each(Object.entries(agreed))('on %s', (_, text) => {
    const expected = ours(text);
    expect(split(text)).toEqual(expected);
    const { remaining: _remaining, ...withoutRemaining } = expected;
    expect(twilio(text)).toEqual(withoutRemaining);
  });

  it('agrees with split-sms on every message of the benchmark mix', () => {
    for (const text of segmentMix()) expect(split(text), text).toEqual(ours(text));
  });

  it('agrees with sms-segments-calculator on the mix, except where it keeps a grapheme cluster whole', () => {
    let differing = 0;
    for (const text of segmentMix()) {
      const peer = twilio(text);
      const own = ours(text);
      expect(peer.encoding).toBe(own.encoding);
      expect(peer.segments).toBe(own.segments);
      if (JSON.stringify(peer.parts) === JSON.stringify(own.parts)) continue;
      differing++;
      const inside = insideCluster(text);
      // Ours cut inside a cluster (greedy, as an SMSC does); the peer backed off to a cluster edge.
      expect(boundaries(own.parts).some((cut) => inside.has(cut))).toBe(true);
      expect(boundaries(peer.parts).some((cut) => inside.has(cut))).toBe(false);
    }
    expect(differing).toBeLessThan(10);
  });
});

describe('where the peers differ, and why we do', () => {
  it('sms-segments-calculator keeps multi-code-point characters whole; we fill greedily like an SMSC', () => {
    for (const text of ['я'.repeat(66) + '❤️' + 'я'.repeat(5), 'e\u0301'.repeat(40), 'я'.repeat(65) + '👨‍👩‍👧']) {
      expect(twilio(text).parts[0]!.length).toBeLessThan(ours(text).parts[0]!.length);
      expect(twilio(text).segments).toBe(ours(text).segments);
    }
  });

  it('split-sms counts a lone high surrogate as two code units; it is one', () => {
    expect(split('я\ud83d').remaining).toBe(67);
    expect(ours('я\ud83d').remaining).toBe(68);
  });

  it('split-sms moves a lone high surrogate to the next part as if it were a pair', () => {
    const text = 'я'.repeat(66) + '\ud83d' + 'я'.repeat(10);
    expect(split(text).parts[0]).toHaveLength(66);
    expect(ours(text).parts[0]).toHaveLength(67);
  });

  it("sms-segments-calculator's smart encoding turns a no-break space into two spaces and a tab into seven; autoconvert uses one", () => {
    const smart = new SegmentedMessage('a\u00a0b\tc', 'auto', true).graphemes.join('');
    expect(smart).toBe('a  b       c');
    expect(segments('a\u00a0b\tc', { autoconvert: 'on' }).text).toBe('a b c');
  });
});
