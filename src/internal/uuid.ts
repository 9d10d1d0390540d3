/** A fresh idempotency key: `idk_` followed by a random UUID. */
export function idempotencyKey(): string {
  return `idk_${crypto.randomUUID()}`;
}
