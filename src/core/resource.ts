import type { OneMessage } from '../client.js';

/** The base of every resource class: holds the client whose request path it uses. */
export abstract class APIResource {
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
