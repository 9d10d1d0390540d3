/**
 * Reading request bodies with a size cap and parsing them as JSON without throwing.
 * @module
 */

/**
 * Why {@link readBody} gave up: `too_large` (declared or streamed past the cap; render 413),
 * `unreadable` (the stream failed, e.g. the client went away), `invalid_utf8` (render 400
 * `invalid_parameter`: a lossy decode would bill replacement characters and let two bodies that
 * differ in one raw byte replay each other).
 */
export type BodyReadFailure = 'too_large' | 'unreadable' | 'invalid_utf8';

/** Outcome of {@link readBody}. */
export type BodyReadResult = { ok: true; text: string } | { ok: false; reason: BodyReadFailure };

/**
 * Reads the whole body as strict UTF-8, stopping (and canceling the stream) as soon as it
 * exceeds `maxBytes`, so an oversized body is never buffered whole. A leading byte order mark
 * is dropped, as `Response.text()` would.
 */
export async function readBody(request: Request, maxBytes: number): Promise<BodyReadResult> {
  const declared = Number(request.headers.get('content-length') ?? NaN);
  if (Number.isFinite(declared) && declared > maxBytes) {
    await request.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  if (!request.body) return { ok: true, text: '' };
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel().catch(() => undefined);
        return { ok: false, reason: 'too_large' };
      }
      chunks.push(value);
    }
  } catch {
    return { ok: false, reason: 'unreadable' };
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return { ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
  } catch {
    return { ok: false, reason: 'invalid_utf8' };
  }
}

/** Outcome of {@link parseJsonBody}. */
export type JsonParseResult = { ok: true; value: unknown } | { ok: false; message: string };

/**
 * Parses a body as JSON; an empty (or all-whitespace) body is `undefined`. The failure message
 * gives the position, never the text: V8's own message quotes the body, which may hold a secret.
 */
export function parseJsonBody(text: string): JsonParseResult {
  if (text.trim() === '') return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    const position = /at position (\d+)/.exec((error as Error).message)?.[1];
    const where = position === undefined ? '' : ` (first error at character ${position})`;
    return { ok: false, message: `Request body is not valid JSON${where}.` };
  }
}
