import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isPlainSend,
  MAX_BODY_CHARACTERS,
  MessageCreateParamsSchema,
  validateMessageCreateParams,
} from '../../src/schemas/message-params.js';

// Strings near the edges the schema checks: empty, the length limit in code points, lone surrogates.
const text = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary', maxLength: 5 }),
  fc.constantFrom('', '+447911123456', 'OneMSG', 'x'.repeat(MAX_BODY_CHARACTERS), 'x'.repeat(MAX_BODY_CHARACTERS + 1)),
  fc.constantFrom('😀'.repeat(MAX_BODY_CHARACTERS), '😀'.repeat(MAX_BODY_CHARACTERS + 1), '\ud800'.repeat(1601)),
);
const value = fc.oneof(text, fc.constant(undefined), fc.constant(null), fc.integer(), fc.boolean(), fc.object());
const key = fc.constantFrom('to', 'body', 'sender', 'route', 'metadata', 'dry_run', 'extra', '__proto__');
const params = fc.oneof(
  fc.record({ to: value, body: value, sender: value }, { requiredKeys: [] }),
  fc.dictionary(key, value),
  fc.record({ to: text, body: text }),
);

describe('validateMessageCreateParams fast path', () => {
  it('takes the fast path only where the schema accepts the input', () => {
    fc.assert(
      fc.property(params, (input) => {
        if (isPlainSend(input)) expect(MessageCreateParamsSchema.safeParse(input).success).toBe(true);
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same result as the schema path on any input', async () => {
    await fc.assert(
      fc.asyncProperty(params, async (input) => {
        // The same own fields over an empty prototype of its own: the fast path declines, the schema runs.
        const slow = Object.create(Object.create(null)) as Record<string, unknown>;
        for (const [name, field] of Object.entries(input)) {
          Object.defineProperty(slow, name, { value: field, enumerable: true, writable: true, configurable: true });
        }
        expect(isPlainSend(slow)).toBe(false);
        const ours = await validateMessageCreateParams(input);
        const reference = await validateMessageCreateParams(slow);
        expect(ours).toEqual(reference);
      }),
      { numRuns: 1000 },
    );
  });

  it('declines objects with other keys, a non-plain prototype or inherited keys', () => {
    const plain = { to: '+447911123456', body: 'Hi' };
    expect(isPlainSend(plain)).toBe(true);
    expect(isPlainSend({ ...plain, route: 'local_operator' })).toBe(false);
    expect(isPlainSend(Object.assign(Object.create({ extra: 1 }) as Record<string, unknown>, plain))).toBe(false);
    expect(isPlainSend({ ...plain, body: '' })).toBe(false);
  });
});
