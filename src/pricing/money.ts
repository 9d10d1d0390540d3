/**
 * Exact money arithmetic on decimal strings. Amounts are held as integer counts of
 * ten-thousandths of a currency unit (`"0.0350"` → `350`), so sums and products never drift
 * the way binary floats do.
 * @module
 */

/** Ten-thousandths per currency unit: prices are published to four decimal places. */
export const MONEY_SCALE = 10_000;

/** A money amount on the wire: a decimal string with four decimals and an ISO 4217 currency. */
export interface Money {
  /** Decimal string, e.g. `"0.0350"`. */
  amount: string;
  /** ISO 4217 code, e.g. `"EUR"`. */
  currency: string;
}

const DECIMAL = /^(-)?(\d+)(?:\.(\d{1,4}))?$/;

/**
 * Parses a decimal string (at most four decimals) or a finite number into ten-thousandths.
 * Returns `undefined` for anything else (more decimals, exponents, NaN).
 * @example
 * ```ts
 * toUnits('0.035'); // 350
 * toUnits(100);     // 1_000_000
 * ```
 */
export function toUnits(value: string | number): number | undefined {
  const text = typeof value === 'number' ? numberToDecimal(value) : value.trim();
  if (text === undefined) return undefined;
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const whole = Number(match[2]);
  const fraction = Number((match[3] ?? '').padEnd(4, '0'));
  const units = whole * MONEY_SCALE + fraction;
  if (!Number.isSafeInteger(units)) return undefined;
  return match[1] ? -units : units;
}

/**
 * Formats ten-thousandths as a decimal string with exactly four decimals.
 * @example
 * ```ts
 * formatUnits(350); // '0.0350'
 * ```
 */
export function formatUnits(units: number): string {
  const sign = units < 0 ? '-' : '';
  const abs = Math.abs(Math.trunc(units));
  const whole = Math.floor(abs / MONEY_SCALE);
  const fraction = String(abs % MONEY_SCALE).padStart(4, '0');
  return `${sign}${whole}.${fraction}`;
}

/** Builds a wire {@link Money} object from ten-thousandths. */
export function money(units: number, currency: string): Money {
  return { amount: formatUnits(units), currency };
}

function numberToDecimal(value: number): string | undefined {
  if (!Number.isFinite(value)) return undefined;
  // Round to four decimals first: 0.1 + 0.2 style noise must not be rejected as "too many decimals".
  return (Math.round(value * MONEY_SCALE) / MONEY_SCALE).toFixed(4);
}
