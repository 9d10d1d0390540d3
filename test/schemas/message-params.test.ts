import { describe, expect, it } from 'vitest';
import {
  isAlphanumericSender,
  multipleSegmentsIssue,
  validateMessageCreateParams,
  validateMessageListParams,
  type MessageCreateParams,
} from '../../src/schemas/message-params.js';
import { parsePhoneNumberFull } from '../../src/schemas/phone-full.js';
import type { ValidationIssue } from '../../src/schemas/validation.js';

const NOW = Date.parse('2026-06-01T12:00:00Z');
const valid: MessageCreateParams = { to: '+447911123456', body: 'Hello' };

async function issuesOf(input: unknown): Promise<ValidationIssue[]> {
  const result = await validateMessageCreateParams(input, { now: NOW });
  return result.ok ? [] : result.issues;
}

describe('validateMessageCreateParams', () => {
  it('accepts a minimal message and returns it unchanged', async () => {
    expect(await validateMessageCreateParams(valid, { now: NOW })).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['+44 7911 123456', '+447911123456'],
    ['+1 (415) 555-2671', '+14155552671'],
    [' +33 6 12 34 56 78 ', '+33612345678'],
    ['+49.170.1234567', '+491701234567'],
  ])('normalises the written number %j to %s', async (to, e164) => {
    const result = await validateMessageCreateParams({ ...valid, to }, { now: NOW });
    expect(result).toMatchObject({ ok: true, value: { to: e164 } });
  });

  it.each(['+447911123', '447911123456', '07911 123456', '+44 7911 123456 ext. 5', 'hello', '+'])(
    'rejects %j with invalid_phone_number',
    async (to) => {
      expect(await issuesOf({ ...valid, to })).toEqual([
        { param: 'to', code: 'invalid_phone_number', message: expect.stringContaining('E.164') },
      ]);
    },
  );

  it('reports missing to and body as missing_parameter', async () => {
    expect(await issuesOf({})).toEqual([
      { param: 'to', code: 'missing_parameter', message: 'Missing required parameter: to.' },
      { param: 'body', code: 'missing_parameter', message: 'Missing required parameter: body.' },
    ]);
  });

  it('counts body length in characters, so 1600 emoji pass and 1601 fail with message_too_long', async () => {
    expect(await issuesOf({ ...valid, body: '😀'.repeat(1600) })).toEqual([]);
    const issues = await issuesOf({ ...valid, body: 'a'.repeat(1601) });
    expect(issues).toEqual([{ param: 'body', code: 'message_too_long', message: expect.stringContaining('1600') }]);
  });

  it('rejects an empty body', async () => {
    expect((await issuesOf({ ...valid, body: '' })).map((i) => [i.param, i.code])).toEqual([
      ['body', 'invalid_parameter'],
    ]);
  });

  it.each([
    ['OneMSG', true],
    ['My Shop', true],
    ['ABC', true],
    ['ABCDEFGHIJK', true],
    ['AB', false],
    ['ABCDEFGHIJKL', false],
    ['12345', false],
    [' Shop', false],
    ['Shop!', false],
  ])('sender %j is alphanumeric-valid: %s', (sender, ok) => {
    expect(isAlphanumericSender(sender)).toBe(ok);
  });

  it('accepts an E.164 sender and normalises it, rejects a bad one with invalid_sender', async () => {
    expect(await validateMessageCreateParams({ ...valid, sender: '+1 415 555 2671' }, { now: NOW })).toMatchObject({
      ok: true,
      value: { sender: '+14155552671' },
    });
    expect((await issuesOf({ ...valid, sender: '12345' })).map((i) => i.code)).toEqual(['invalid_sender']);
    expect((await issuesOf({ ...valid, sender: 42 })).map((i) => i.code)).toEqual(['invalid_sender']);
  });

  it('requires scheduled_at in the future of the given clock and normalises it to UTC', async () => {
    const result = await validateMessageCreateParams(
      { ...valid, scheduled_at: '2026-06-01T14:30:00+02:00' },
      { now: NOW },
    );
    expect(result).toMatchObject({ ok: true, value: { scheduled_at: '2026-06-01T12:30:00.000Z' } });
    expect(await issuesOf({ ...valid, scheduled_at: '2026-06-01T12:00:00Z' })).toEqual([
      { param: 'scheduled_at', code: 'invalid_parameter', message: 'scheduled_at must be in the future.' },
    ]);
    expect((await issuesOf({ ...valid, scheduled_at: 'tomorrow' }))[0]?.param).toBe('scheduled_at');
    expect((await issuesOf({ ...valid, scheduled_at: '2030-01-01' }))[0]?.param).toBe('scheduled_at');
  });

  it.each([
    [{ validity_seconds: 172_801 }, 'validity_seconds'],
    [{ validity_seconds: 0 }, 'validity_seconds'],
    [{ validity_seconds: 1.5 }, 'validity_seconds'],
    [{ route: 'carrier_pigeon' }, 'route'],
    [{ autoconvert: 'maybe' }, 'autoconvert'],
    [{ callback_url: 'ftp://example.com/hook' }, 'callback_url'],
    [{ callback_url: '/relative' }, 'callback_url'],
    [{ dry_run: 'yes' }, 'dry_run'],
    [{ metadata: { order: 42 } }, 'metadata[order]'],
    [{ metadata: { ['k'.repeat(41)]: 'v' } }, 'metadata'],
    [{ unknown_param: 1 }, 'unknown_param'],
  ])('rejects %j naming %s with invalid_parameter', async (extra, param) => {
    expect(await issuesOf({ ...valid, ...extra })).toEqual([
      { param, code: 'invalid_parameter', message: expect.any(String) },
    ]);
  });

  it('accepts every optional parameter at its limit', async () => {
    const full = {
      ...valid,
      sender: 'OneMSG',
      route: 'local_reseller',
      scheduled_at: '2026-06-02T00:00:00Z',
      validity_seconds: 172_800,
      callback_url: 'https://example.com/hook',
      dry_run: true,
      fail_on_multiple_segments: false,
      autoconvert: 'full',
      metadata: Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, 'v'.repeat(500)])),
    };
    expect((await validateMessageCreateParams(full, { now: NOW })).ok).toBe(true);
  });

  it('reports every bad field at once, not only the first', async () => {
    const issues = await issuesOf({ to: 'x', body: 'a'.repeat(1601), sender: '1', validity_seconds: -1 });
    expect(issues.map((i) => i.param).sort()).toEqual(['body', 'sender', 'to', 'validity_seconds']);
  });

  it('rejects input that is not an object', async () => {
    for (const input of [null, 'x', [valid], 3]) {
      expect((await issuesOf(input))[0]).toMatchObject({ param: '', code: 'invalid_parameter' });
    }
  });

  it('never echoes the rejected value in a message', async () => {
    const issues = await issuesOf({ to: '+4479SECRET', body: 'b', sender: 'TOPSECRETSENDER' });
    for (const issue of issues) expect(issue.message).not.toMatch(/SECRET/);
  });
});

describe('validateMessageListParams', () => {
  it('accepts filters and converts a query-string limit', async () => {
    const result = await validateMessageListParams({ limit: '50', status: 'delivered', to: '+1 500 555 0001' });
    expect(result).toEqual({ ok: true, value: { limit: 50, status: 'delivered', to: '+15005550001' } });
  });

  it('defaults to no parameters', async () => {
    expect(await validateMessageListParams(undefined)).toEqual({ ok: true, value: {} });
  });

  it.each([[{ limit: 0 }], [{ limit: 101 }], [{ limit: '1e2' }], [{ limit: 2.5 }]])(
    'rejects limit %j',
    async (params) => {
      const result = await validateMessageListParams(params);
      expect(result.ok ? [] : result.issues.map((i) => i.param)).toEqual(['limit']);
    },
  );

  it('rejects an unknown status, a bad date and a bad number', async () => {
    const result = await validateMessageListParams({ status: 'lost', created_after: 'yesterday', to: 'x' });
    expect(result.ok ? [] : result.issues.map((i) => [i.param, i.code])).toEqual([
      ['status', 'invalid_parameter'],
      ['created_after', 'invalid_parameter'],
      ['to', 'invalid_phone_number'],
    ]);
  });
});

describe('callback_url follows the webhook URL rule', () => {
  it.each([
    ['credentials', 'https://user:pass@example.com/hooks'],
    ['a non-http scheme', 'ftp://example.com/hooks'],
    ['over 2048 characters', `https://example.com/${'a'.repeat(2048)}`],
  ])('refuses a URL with %s, naming the rule but not echoing the URL', async (_, url) => {
    const result = await validateMessageCreateParams({ to: '+447911123456', body: 'Hi', callback_url: url });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toEqual([
      expect.objectContaining({
        param: 'callback_url',
        code: 'invalid_parameter',
        message: expect.stringContaining('without credentials'),
      }),
    ]);
    expect(JSON.stringify(result.issues)).not.toContain('pass@');
  });

  it('accepts a plain https URL', async () => {
    const result = await validateMessageCreateParams({
      to: '+447911123456',
      body: 'Hi',
      callback_url: 'https://example.com/hooks?x=1',
    });
    expect(result.ok).toBe(true);
  });
});

describe('dates that do not exist on the calendar', () => {
  it.each([
    '2027-02-30T09:00:00Z',
    '2027-02-29T09:00:00Z',
    '2027-04-31T09:00:00Z',
    '2027-13-01T09:00:00Z',
    '2027-00-10T09:00:00Z',
    '2027-01-00T09:00:00Z',
    '2027-01-10T24:00:00Z',
    '2027-01-10T09:60:00Z',
    '2027-01-10T09:00:60Z',
    '2027-01-10T09:00:00+24:00',
  ])('refuses scheduled_at %s with invalid_parameter instead of moving it', async (scheduled_at) => {
    expect(await issuesOf({ ...valid, scheduled_at })).toEqual([
      expect.objectContaining({ param: 'scheduled_at', code: 'invalid_parameter' }),
    ]);
  });

  it('accepts a leap day that exists', async () => {
    const result = await validateMessageCreateParams(
      { ...valid, scheduled_at: '2028-02-29T09:00:00+01:00' },
      { now: NOW },
    );
    expect(result).toMatchObject({ ok: true, value: { scheduled_at: '2028-02-29T08:00:00.000Z' } });
  });

  it.each(['created_after', 'created_before'])('refuses an impossible %s in a list filter', async (field) => {
    const result = await validateMessageListParams({ [field]: '2026-02-30T00:00:00Z' });
    expect(result).toMatchObject({ ok: false, issues: [{ param: field, code: 'invalid_parameter' }] });
  });
});

describe('fail_on_multiple_segments, checked once for the SDK and the gateway', () => {
  it('refuses a text that needs two parts, after autoconvert', async () => {
    expect(await issuesOf({ ...valid, body: 'a'.repeat(161), fail_on_multiple_segments: true })).toEqual([
      {
        param: 'body',
        code: 'multiple_segments_not_allowed',
        message: 'body needs 2 segments (GSM-7) and fail_on_multiple_segments is set.',
      },
    ]);
    expect(await issuesOf({ ...valid, body: 'a'.repeat(160), fail_on_multiple_segments: true })).toEqual([]);
    expect(await issuesOf({ ...valid, body: 'a'.repeat(161) })).toEqual([]);
    const typographic = '’'.repeat(100);
    expect(await issuesOf({ ...valid, body: typographic, fail_on_multiple_segments: true })).toHaveLength(1);
    expect(await issuesOf({ ...valid, body: typographic, autoconvert: 'on', fail_on_multiple_segments: true })).toEqual(
      [],
    );
  });

  it('exports the rule alone for a caller that counts at another point', async () => {
    expect((await multipleSegmentsIssue({ body: 'a'.repeat(161), fail_on_multiple_segments: true }))?.code).toBe(
      'multiple_segments_not_allowed',
    );
    expect(await multipleSegmentsIssue({ body: 'a'.repeat(161) })).toBeUndefined();
  });
});

describe('the phone option', () => {
  it('checks number ranges with full metadata when given parsePhoneNumberFull', async () => {
    for (const to of ['+910123456789', '+33712345678']) {
      expect(await issuesOf({ ...valid, to })).toEqual([]);
      const full = await validateMessageCreateParams({ ...valid, to }, { now: NOW, phone: parsePhoneNumberFull });
      expect(full).toMatchObject({ ok: false, issues: [{ param: 'to', code: 'invalid_phone_number' }] });
    }
    const sender = await validateMessageCreateParams(
      { ...valid, sender: '+910123456789' },
      { now: NOW, phone: parsePhoneNumberFull },
    );
    expect(sender).toMatchObject({ ok: false, issues: [{ param: 'sender', code: 'invalid_sender' }] });
    const list = await validateMessageListParams({ to: '+33712345678' }, { phone: parsePhoneNumberFull });
    expect(list).toMatchObject({ ok: false, issues: [{ param: 'to', code: 'invalid_phone_number' }] });
    expect(await validateMessageCreateParams(valid, { now: NOW, phone: parsePhoneNumberFull })).toMatchObject({
      ok: true,
    });
  });
});
