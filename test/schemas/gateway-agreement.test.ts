// The gateway keeps its own copies of the wire types (so its entry never loads zod). These
// checks fail to compile, and so fail the type-check, the day the two drift apart.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  WEBHOOK_EVENT_TYPES as GATEWAY_EVENT_TYPES,
  type WebhookEventType as GatewayEventType,
  type WebhookDeliveryRecord,
} from '../../src/gateway/events/types.js';
import type { GatewayMessage } from '../../src/gateway/types.js';
import { WEBHOOK_EVENT_TYPES, type WebhookEventType } from '../../src/schemas/common.js';
import type { Message } from '../../src/schemas/message.js';
import type { WebhookDelivery } from '../../src/schemas/webhook.js';

describe('gateway wire types agree with the schemas', () => {
  it('Message', () => {
    expectTypeOf<GatewayMessage>().toEqualTypeOf<Message>();
  });

  it('WebhookDelivery', () => {
    expectTypeOf<WebhookDeliveryRecord>().toEqualTypeOf<WebhookDelivery>();
  });

  it('webhook event types', () => {
    expectTypeOf<GatewayEventType>().toEqualTypeOf<WebhookEventType>();
    expect([...GATEWAY_EVENT_TYPES]).toEqual([...WEBHOOK_EVENT_TYPES]);
  });
});
