// @onemessage/sdk on Node (the package's `node` condition): the same exports as the neutral
// entry, but the default transport is an undici connection pool owned by the SDK.
import { OneMessage as NeutralOneMessage } from './client.js';
import type { Transport } from './core/transport.js';
import { brand } from './internal/brand.js';
import { undiciTransport } from './internal/undici-transport.js';

export * from './index.js';

/**
 * The OneMessage API client. On Node it sends through its own keep-alive undici pool (loaded on
 * the first request), never the process-wide dispatcher; pass `fetch` to use something else.
 * @example
 * import OneMessage from '@onemessage/sdk';
 * const client = new OneMessage(); // reads ONEMESSAGE_API_KEY
 */
export class OneMessage extends NeutralOneMessage {
  // The bundle holds two classes called OneMessage, and would print this one as OneMessage2; its
  // own brand keeps a neutral client from passing for a Node one.
  static {
    brand(this, 'OneMessage', 'OneMessage.node');
  }

  /**
   * An undici pool owned by this client.
   * @internal
   */
  protected override defaultTransport(): Transport {
    return undiciTransport();
  }
}

export default OneMessage;
