// Reads `t=<unix seconds>,v1=<hex>[,v1=<hex>…]`. Like Stripe's verifier, entries of other schemes
// (v0=, v2=, …) and malformed entries (`v1=potato`, `junk`) are skipped: a future scheme can be sent
// alongside v1, and one bad entry cannot veto a good one. The timestamp is another matter: it is
// signed, so a header without exactly one well-formed `t` is rejected whole.

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
    if (eq < 1) continue; // no scheme: a malformed entry, skipped like any other
    const scheme = part.slice(0, eq);
    const value = part.slice(eq + 1);
    if (scheme === 't') {
      if (timestamp !== undefined || !TIMESTAMP.test(value)) return undefined;
      timestamp = Number(value);
    } else if (scheme === 'v1' && HEX_SHA256.test(value)) {
      signatures.push(value.toLowerCase());
    }
  }
  return timestamp === undefined || signatures.length === 0 ? undefined : { timestamp, signatures };
}
