/**
 * The named schemas of the document (`#/components/schemas/<Name>`): every wire object and every
 * request body, taken from src/schemas/. A schema of another object it contains (Money inside
 * Message) becomes a `$ref` because both are registered here.
 * @module
 */

import * as z from 'zod/mini';
import * as balance from '../schemas/balance.js';
import * as callParams from '../schemas/call-params.js';
import * as call from '../schemas/call.js';
import * as common from '../schemas/common.js';
import * as error from '../schemas/error.js';
import { listOf } from '../schemas/list.js';
import { MAX_BATCH_SIZE } from '../schemas/batch-params.js';
import * as messageParams from '../schemas/message-params.js';
import * as message from '../schemas/message.js';
import * as otpParams from '../schemas/otp-params.js';
import * as otp from '../schemas/otp.js';
import * as senderParams from '../schemas/sender-params.js';
import * as sender from '../schemas/sender.js';
import * as testParams from '../schemas/test-params.js';
import * as webhookParams from '../schemas/webhook-params.js';
import * as webhook from '../schemas/webhook.js';

const modules = [
  common,
  error,
  message,
  otp,
  call,
  sender,
  balance,
  webhook,
  messageParams,
  otpParams,
  callParams,
  senderParams,
  testParams,
  webhookParams,
];

// Enumerations and building blocks that read better inline than as a component of their own.
const INLINE = new Set(['Timestamp', 'MessageListParams', 'SenderListParams', 'ListParams']);

/** A component: its schema, and which TSDoc names describe it (the type's, then the schema's). */
export interface Component {
  name: string;
  schema: z.core.$ZodType;
  /** Names in the doc index whose text and property docs apply, most specific first. */
  docs: string[];
}

/** The batch request: no zod schema of its own (the SDK checks it entry by entry), so built here from the send's. */
function batchSchemas() {
  const create = messageParams.MessageCreateParamsSchema;
  const defaults = z.partial(z.omit(create, { to: true }));
  const entry = z.extend(z.partial(z.omit(create, { dry_run: true })), {
    to: create.shape.to,
    variables: z.optional(z.record(z.string(), z.union([z.string(), z.number()]))),
  });
  const params = z.strictObject({
    defaults: z.optional(defaults),
    messages: z.array(entry).check(z.minLength(1), z.maxLength(MAX_BATCH_SIZE)),
  });
  return { defaults, entry, params };
}

/** Every component, wire objects first. Exported schemas are found by their `<Name>Schema` export. */
export function components(): Component[] {
  const out: Component[] = [];
  const seen = new Set<unknown>();
  for (const mod of modules) {
    for (const [exported, value] of Object.entries(mod)) {
      if (!exported.endsWith('Schema') || !isZod(value) || seen.has(value)) continue;
      const name = exported.slice(0, -'Schema'.length);
      if (INLINE.has(name)) continue;
      seen.add(value);
      out.push({ name, schema: value, docs: [name, exported] });
    }
  }
  const lists: [string, z.core.$ZodType, string][] = [
    ['MessageList', message.MessageSchema, 'messages'],
    ['SenderList', sender.SenderSchema, 'sender IDs'],
    ['WebhookEndpointList', webhook.WebhookEndpointSchema, 'webhook endpoints'],
    ['WebhookDeliveryList', webhook.WebhookDeliverySchema, 'webhook deliveries'],
  ];
  for (const [name, item] of lists) out.push({ name, schema: listOf(item), docs: ['List'] });
  const batch = batchSchemas();
  out.push(
    { name: 'BatchDefaults', schema: batch.defaults, docs: ['BatchDefaults', 'MessageCreateParamsSchema'] },
    { name: 'BatchEntry', schema: batch.entry, docs: ['BatchEntry', 'MessageCreateParamsSchema'] },
    { name: 'BatchCreateParams', schema: batch.params, docs: ['BatchCreateParams'] },
  );
  return out;
}

function isZod(value: unknown): value is z.core.$ZodType {
  return typeof value === 'object' && value !== null && '_zod' in value;
}
