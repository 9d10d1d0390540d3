import type { OneMessage } from '../client.js';
import type { RequestDescription } from './errors.js';

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

  /** Names a call for error messages, e.g. `POST /v1/messages`; only built when an error needs it. */
  protected _describe(method: string, route: string): RequestDescription {
    return { method, path: new URL(this.#client.baseURL).pathname.replace(/\/+$/, '') + route };
  }
}
