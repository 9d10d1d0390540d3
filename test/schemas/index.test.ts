import { describe, expect, it } from 'vitest';
import {
  BalanceSchema,
  ErrorBodySchema,
  listOf,
  MessageSchema,
  MoneySchema,
  WebhookDeliverySchema,
  WebhookEndpointSchema,
} from '../../src/schemas/index.js';

const message = {
  id: 'msg_1',
  object: 'message',
  direction: 'outbound',
  to: '+447911123456',
  sender: 'OneMSG',
  body: 'Hi',
  route: 'local_operator',
  status: 'delivered',
  encoding: 'GSM-7',
  segments: 1,
  characters: 2,
  price: { amount: '0.0350', currency: 'EUR' },
  country: 'GB',
  operator: 'EE',
  scheduled_at: null,
  created_at: '2026-01-01T00:00:00.000Z',
  sent_at: '2026-01-01T00:00:01.000Z',
  delivered_at: '2026-01-01T00:00:02.000Z',
  error: null,
  metadata: { order: '42' },
  dry_run: false,
  events: [
    { status: 'queued', at: '2026-01-01T00:00:00.000Z' },
    { status: 'delivered', at: '2026-01-01T00:00:02.000Z', operator_code: 'DELIVRD' },
  ],
};

describe('wire schemas', () => {
  it('parse a contract Message and a list of them', () => {
    expect(MessageSchema.parse(message)).toEqual(message);
    const page = { object: 'list', data: [message], has_more: false, next_cursor: null };
    expect(listOf(MessageSchema).parse(page)).toEqual(page);
  });

  it('refuse a float amount, a bad status and a wrong id prefix', () => {
    expect(MoneySchema.safeParse({ amount: 0.035, currency: 'EUR' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, status: 'lost' }).success).toBe(false);
    expect(MessageSchema.safeParse({ ...message, id: 'sms_1' }).success).toBe(false);
  });

  it('parse the error body, balance, endpoint and delivery shapes', () => {
    const error = {
      error: { type: 'rate_limit_error', code: 'rate_limit_exceeded', message: 'slow down', request_id: 'req_1' },
    };
    expect(ErrorBodySchema.parse(error)).toEqual(error);
    expect(ErrorBodySchema.safeParse({ error: { ...error.error, code: 'made_up' } }).success).toBe(false);
    const balance = {
      object: 'balance',
      available: { amount: '100.0000', currency: 'EUR' },
      low_balance_threshold: null,
      recent_top_ups: [{ amount: '100.0000', currency: 'EUR', at: '2026-01-01T00:00:00Z' }],
    };
    expect(BalanceSchema.parse(balance)).toEqual(balance);
    const endpoint = {
      id: 'wh_1',
      object: 'webhook_endpoint',
      url: 'https://example.com',
      events: ['message.delivered'],
      description: null,
      created_at: '2026-01-01T00:00:00Z',
      secret: 'whsec_abc',
    };
    expect(WebhookEndpointSchema.parse(endpoint)).toEqual(endpoint);
    const delivery = {
      id: 'evt_1',
      object: 'webhook_delivery',
      webhook_id: 'wh_1',
      event_id: 'evt_1',
      type: 'message.delivered',
      status: 'pending',
      attempts: [{ at: '2026-01-01T00:00:00Z', status_code: 500, error: null }],
      next_retry_at: '2026-01-01T00:00:05Z',
      created_at: '2026-01-01T00:00:00Z',
    };
    expect(WebhookDeliverySchema.parse(delivery)).toEqual(delivery);
  });
});
