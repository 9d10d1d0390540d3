import type { OneMessage } from '../client.js';
import { named } from '../internal/brand.js';

/**
 * The base of every resource class: holds the client whose request path it uses. A method is one
 * line: `this._client.post('/messages', { body: params, validate, options })`.
 */
export abstract class APIResource {
  static {
    named(this, 'APIResource');
  }

  // Private so that printing or serialising a client does not walk back into it.
  readonly #client: OneMessage;

  constructor(client: OneMessage) {
    this.#client = client;
  }

  /** The client this resource sends through. */
  protected get _client(): OneMessage {
    return this.#client;
  }
}
