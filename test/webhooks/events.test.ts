import { describe, expect, expectTypeOf, it } from 'vitest';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType as ContractEventType } from '../../src/schemas/common.js';
import type { Balance } from '../../src/schemas/balance.js';
import type { Call } from '../../src/schemas/call.js';
import type { Message } from '../../src/schemas/message.js';
import type { Otp } from '../../src/schemas/otp.js';
import type { Sender } from '../../src/schemas/sender.js';
import type { WebhookEvent, WebhookEventOf } from '../../src/webhooks/index.js';

describe('WebhookEvent', () => {
  it('covers exactly the event types of the contract', () => {
    expectTypeOf<WebhookEvent['type']>().toEqualTypeOf<ContractEventType>();
    expect(WEBHOOK_EVENT_TYPES).toHaveLength(10);
  });

  it('carries the object each event is about as data', () => {
    expectTypeOf<WebhookEventOf<'message.sent'>['data']>().toEqualTypeOf<Message>();
    expectTypeOf<WebhookEventOf<'message.delivered'>['data']>().toEqualTypeOf<Message>();
    expectTypeOf<WebhookEventOf<'message.failed'>['data']>().toEqualTypeOf<Message>();
    expectTypeOf<WebhookEventOf<'message.expired'>['data']>().toEqualTypeOf<Message>();
    expectTypeOf<WebhookEventOf<'message.received'>['data']>().toEqualTypeOf<Message>();
    expectTypeOf<WebhookEventOf<'otp.verified'>['data']>().toEqualTypeOf<Otp>();
    expectTypeOf<WebhookEventOf<'sender.approved'>['data']>().toEqualTypeOf<Sender>();
    expectTypeOf<WebhookEventOf<'sender.rejected'>['data']>().toEqualTypeOf<Sender>();
    expectTypeOf<WebhookEventOf<'balance.low'>['data']>().toEqualTypeOf<Balance>();
    expectTypeOf<WebhookEventOf<'voice.completed'>['data']>().toEqualTypeOf<Call>();
  });

  it('narrows data with a switch on type', () => {
    const describeEvent = (event: WebhookEvent): string => {
      switch (event.type) {
        case 'balance.low':
          expectTypeOf(event.data).toEqualTypeOf<Balance>();
          return 'balance';
        case 'sender.rejected':
          expectTypeOf(event.data).toEqualTypeOf<Sender>();
          return 'sender';
        default:
          return event.type;
      }
    };
    expect(describeEvent({ event_id: 'evt_1', type: 'balance.low', created: 1, data: {} as Balance })).toBe('balance');
  });

  it('has the envelope fields of the contract', () => {
    expectTypeOf<WebhookEvent['event_id']>().toEqualTypeOf<string>();
    expectTypeOf<WebhookEvent['created']>().toEqualTypeOf<number>();
  });
});
