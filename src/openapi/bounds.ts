/**
 * The JSON Schema keywords of the rules zod/mini keeps in `.check(rule(…))` refinements, which
 * `toJSONSchema` cannot see. Each entry names the zod schema it describes (by reference, so a
 * renamed or removed parameter fails the build) and its limits come from the exported constants
 * the validators use; test/openapi/bounds.test.ts probes each one against the validator.
 * @module
 */

import type * as z from 'zod/mini';
import { CallCreateParamsSchema, CALL_LIMITS } from '../schemas/call-params.js';
import { TimestampSchema } from '../schemas/common.js';
import { ListParamsSchema } from '../schemas/list-params.js';
import {
  MAX_BODY_CHARACTERS,
  MAX_VALIDITY_SECONDS,
  MessageCreateParamsSchema,
  METADATA_LIMITS,
} from '../schemas/message-params.js';
import { OtpSendParamsSchema, OtpVerifyParamsSchema, OTP_LIMITS } from '../schemas/otp-params.js';
import { MAX_SENDER_USE_CASE, SenderCreateParamsSchema } from '../schemas/sender-params.js';
import { TestInboundParamsSchema, TestTopUpParamsSchema } from '../schemas/test-params.js';
import { MAX_CALLBACK_URL } from '../schemas/validation.js';
import { MAX_WEBHOOK_DESCRIPTION, WebhookEndpointCreateParamsSchema } from '../schemas/webhook-params.js';

/** JSON Schema keywords merged into (or, with `replace`, replacing) what zod emits for one schema. */
export interface Bound {
  keywords: Record<string, unknown>;
  /** Drop zod's output first (e.g. `limit`, a number-or-digit-string union on the wire of a query). */
  replace?: boolean;
}

const integer = (minimum: number, maximum: number) => ({ type: 'integer', minimum, maximum });
const text = (minLength: number, maxLength: number) => ({ minLength, maxLength });
const url = { format: 'uri', pattern: '^https?://', maxLength: MAX_CALLBACK_URL };

/** Optional/nullable wrappers hold the schema the rule is on. */
export function unwrap(schema: z.core.$ZodType): z.core.$ZodType {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.core.$ZodType };
    if ((def.type === 'optional' || def.type === 'nullable') && def.innerType) current = def.innerType;
    else return current;
  }
}

type Shape = Record<string, z.core.$ZodType>;
const at = (object: { shape: Shape }, key: string): z.core.$ZodType => {
  const schema = object.shape[key];
  if (!schema) throw new Error(`openapi bounds: the schema has no parameter ${key}`);
  return unwrap(schema);
};

/** Every bound, keyed by the zod schema it applies to. */
export function bounds(): Map<z.core.$ZodType, Bound> {
  const entries: [z.core.$ZodType, Record<string, unknown>, boolean?][] = [
    [TimestampSchema, { format: 'date-time' }],
    [at(ListParamsSchema, 'limit'), { ...integer(1, 100), default: 20 }, true],
    [at(ListParamsSchema, 'starting_after'), { minLength: 1 }],

    [at(MessageCreateParamsSchema, 'body'), text(1, MAX_BODY_CHARACTERS)],
    [at(MessageCreateParamsSchema, 'sender'), { minLength: 3 }],
    [at(MessageCreateParamsSchema, 'scheduled_at'), { format: 'date-time' }],
    [at(MessageCreateParamsSchema, 'validity_seconds'), integer(1, MAX_VALIDITY_SECONDS)],
    [at(MessageCreateParamsSchema, 'callback_url'), url],
    [
      at(MessageCreateParamsSchema, 'metadata'),
      {
        maxProperties: METADATA_LIMITS.keys,
        propertyNames: { type: 'string', minLength: 1, maxLength: METADATA_LIMITS.keyLength },
        additionalProperties: { type: 'string', maxLength: METADATA_LIMITS.valueLength },
      },
    ],

    [at(WebhookEndpointCreateParamsSchema, 'url'), url],
    [at(WebhookEndpointCreateParamsSchema, 'events'), { minItems: 1, uniqueItems: true }],
    [at(WebhookEndpointCreateParamsSchema, 'description'), { maxLength: MAX_WEBHOOK_DESCRIPTION }],

    [at(SenderCreateParamsSchema, 'sender_id'), { minLength: 3 }],
    [at(SenderCreateParamsSchema, 'country'), { pattern: '^[A-Z]{2}$' }],
    [at(SenderCreateParamsSchema, 'use_case'), text(1, MAX_SENDER_USE_CASE)],

    [at(TestTopUpParamsSchema, 'amount'), { pattern: '^\\d{1,9}(\\.\\d{1,4})?$' }],
    [at(TestInboundParamsSchema, 'body'), text(1, MAX_BODY_CHARACTERS)],

    [at(OtpSendParamsSchema, 'template'), { maxLength: OTP_LIMITS.templateCharacters, pattern: '\\{\\{code\\}\\}' }],
    [at(OtpSendParamsSchema, 'length'), { ...integer(OTP_LIMITS.length.min, OTP_LIMITS.length.max) }],
    [at(OtpSendParamsSchema, 'expires_in'), integer(OTP_LIMITS.expiresIn.min, OTP_LIMITS.expiresIn.max)],
    [at(OtpSendParamsSchema, 'max_attempts'), integer(OTP_LIMITS.maxAttempts.min, OTP_LIMITS.maxAttempts.max)],
    [at(OtpSendParamsSchema, 'cache_seconds'), integer(OTP_LIMITS.cacheSeconds.min, OTP_LIMITS.cacheSeconds.max)],
    [at(OtpVerifyParamsSchema, 'id'), { pattern: '^otp_\\w+$' }],
    [at(OtpVerifyParamsSchema, 'code'), { pattern: '^[A-Za-z0-9]{4,10}$' }],

    [
      at(CallCreateParamsSchema, 'to'),
      {
        anyOf: [
          { type: 'string' },
          {
            type: 'array',
            items: { type: 'string' },
            minItems: 1,
            maxItems: CALL_LIMITS.recipients,
            uniqueItems: true,
          },
        ],
      },
      true,
    ],
    [at(CallCreateParamsSchema, 'text'), text(1, CALL_LIMITS.textCharacters)],
    [at(CallCreateParamsSchema, 'audio_url'), url],
    [at(CallCreateParamsSchema, 'language'), { pattern: '^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$' }],
    [at(CallCreateParamsSchema, 'voice'), { pattern: '^[A-Za-z0-9][\\w.-]{0,63}$' }],
    [at(CallCreateParamsSchema, 'repeat'), integer(CALL_LIMITS.repeat.min, CALL_LIMITS.repeat.max)],
  ];
  return new Map(entries.map(([schema, keywords, replace]) => [schema, { keywords, replace: replace ?? false }]));
}
