// Reads `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. Entries of other schemes (v0=, v2=, …) are skipped
// so that a future scheme can be sent alongside v1 without breaking today's verifiers.

/** @internal The name of the header that carries the signature. */
export const SIGNATURE_HEADER = 'X-OneMessage-Signature';

/** @internal */
export interface SignatureHeader {
  timestamp: number;
  /** Every `v1=` value, lowercased. */
  signatures: string[];
}

const TIMESTAMP = /^\d{1,15}$/;
const HEX_SHA256 = /^[\da-f]{64}$/i;
// What the API sends outside a rotation; one regex is a third of the cost of the general walk below.
const COMMON_SHAPE = /^t=(\d{1,15}),v1=([\da-f]{64})$/;

/** @internal Returns `undefined` when the header is malformed. */
export function parseSignatureHeader(header: string): SignatureHeader | undefined {
  const common = COMMON_SHAPE.exec(header);
  if (common) return { timestamp: Number(common[1]), signatures: [common[2]!] };
  let timestamp: number | undefined;
  const signatures: string[] = [];
  for (const entry of header.split(',')) {
    const part = entry.trim();
    if (!part) continue;
    const eq = part.indexOf('=');
    if (eq < 1) return undefined;
    const scheme = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (scheme === 't') {
      if (timestamp !== undefined || !TIMESTAMP.test(value)) return undefined;
      timestamp = Number(value);
    } else if (scheme === 'v1') {
      if (!HEX_SHA256.test(value)) return undefined;
      signatures.push(value.toLowerCase());
    }
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}
