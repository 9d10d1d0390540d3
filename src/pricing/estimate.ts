/**
 * A message's local cost preview: the same validation, segment count and price list as the API,
 * with no request. Loaded on the first `messages.estimate` (it pulls in zod and libphonenumber-js).
 * @module
 */

import type { Autoconvert, Encoding, Money } from '../schemas/common.js';
import { validateMessageCreateParams } from '../schemas/message-params.js';
import { parsePhoneNumber, pricingCountry } from '../schemas/phone.js';
import { isRecord, NOT_AN_OBJECT, type ValidationIssue, type ValidationResult } from '../schemas/validation.js';
import { segments } from '../segments/segments.js';
import { isCurrency, priceFor, SUPPORTED_CURRENCIES } from './index.js';
import { DEFAULT_CURRENCY, type Currency } from './prices.js';

/** Parameters of `messages.estimate`. */
export interface MessageEstimateParams {
  /** The recipient in E.164; its country sets the price. */
  to: string;
  /** The text to send. */
  body: string;
  /**
   * As in `messages.create`.
   * @default 'off'
   */
  autoconvert?: Autoconvert;
  /**
   * As in `messages.create`: the estimate is refused (`multiple_segments_not_allowed`) when the
   * text needs more than one part.
   * @default false
   */
  fail_on_multiple_segments?: boolean;
  /**
   * Currency of the price.
   * @default 'EUR'
   */
  currency?: Currency;
}

/** A local cost preview of a message. */
export interface MessageEstimate {
  /** Always `message_estimate`. */
  object: 'message_estimate';
  /** The recipient, normalised to E.164. */
  to: string;
  /** ISO 3166-1 alpha-2 country of `to`, or `null` when it has none. */
  country: string | null;
  /** The SMS alphabet the text needs. */
  encoding: Encoding;
  /** How many SMS parts it takes. */
  segments: number;
  /** User-perceived characters. */
  characters: number;
  /** The text that would be sent (after autoconvert). */
  body: string;
  /** The total price: `price_per_segment × segments`. */
  price: Money;
  /** The price of one segment to this destination. */
  price_per_segment: Money;
}

/** Validates `input` as `messages.create` would (plus `currency`), then counts and prices it. */
export async function estimateMessage(input: unknown): Promise<ValidationResult<MessageEstimate>> {
  if (!isRecord(input)) return { ok: false, issues: [NOT_AN_OBJECT] };
  const { currency = DEFAULT_CURRENCY, ...rest } = input;
  const issues: ValidationIssue[] = [];
  if (!isCurrency(currency)) {
    const message = `currency must be one of: ${SUPPORTED_CURRENCIES.join(', ')}.`;
    issues.push({ param: 'currency', code: 'invalid_parameter', message });
  }
  const validated = await validateMessageCreateParams(rest);
  if (!validated.ok) issues.push(...validated.issues);
  if (!validated.ok || !isCurrency(currency)) return { ok: false, issues };
  const { to, body, autoconvert = 'off' } = validated.value;
  const counted = segments(body, { autoconvert });
  const phone = await parsePhoneNumber(to);
  const country = phone ? pricingCountry(phone) : null;
  return {
    ok: true,
    value: {
      object: 'message_estimate',
      to,
      country,
      encoding: counted.encoding,
      segments: counted.segments,
      characters: counted.characters,
      body: counted.text,
      price: priceFor(country, counted.segments, currency),
      price_per_segment: priceFor(country, 1, currency),
    },
  };
}
