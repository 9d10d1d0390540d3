// The bounds table says in JSON Schema what the zod refinements check: probe each limit at its edge.
import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { bounds, unwrap } from '../../src/openapi/bounds.js';
import { SenderCreateParamsSchema } from '../../src/schemas/sender-params.js';
import { WebhookEndpointCreateParamsSchema } from '../../src/schemas/webhook-params.js';

// These count UTF-16 units (`s.length`), so an emoji counts twice, unlike JSON Schema's maxLength:
// reported to their owners; remove an entry once its validator counts code points.
const UTF16_COUNTERS = new Set([
  unwrap(WebhookEndpointCreateParamsSchema.shape.description),
  unwrap(SenderCreateParamsSchema.shape.use_case),
]);

const accepts = (schema: z.core.$ZodType, value: unknown) => z.safeParse(schema, value).success;

describe('the bounds table agrees with the validators', () => {
  const table = [...bounds()];
  it.each(table.filter(([, b]) => b.keywords.type === 'integer').map(([s, b]) => [b.keywords, s] as const))(
    'integer range %o',
    (keywords, schema) => {
      const { minimum, maximum } = keywords as { minimum: number; maximum: number };
      expect([accepts(schema, minimum), accepts(schema, maximum)]).toEqual([true, true]);
      expect([accepts(schema, minimum - 1), accepts(schema, maximum + 1), accepts(schema, minimum + 0.5)]).toEqual([
        false,
        false,
        false,
      ]);
    },
  );
  const lengths = table.filter(([, b]) => typeof b.keywords.maxLength === 'number' && !b.keywords.pattern);
  it.each(lengths.map(([s, b]) => [b.keywords, s] as const))('text length %o', (keywords, schema) => {
    const { minLength = 0, maxLength } = keywords as { minLength?: number; maxLength: number };
    expect(accepts(schema, 'a'.repeat(maxLength))).toBe(true);
    expect(accepts(schema, 'a'.repeat(maxLength + 1))).toBe(false);
    // Counted in code points, as JSON Schema counts them: an emoji is one character.
    if (!UTF16_COUNTERS.has(schema)) expect(accepts(schema, '😀'.repeat(maxLength))).toBe(true);
    if (minLength > 0) expect(accepts(schema, '')).toBe(false);
  });
});
