import type { OneMessage } from '../client.js';

/** The base of every resource class: holds the client whose request path it uses. */
export abstract class APIResource {
  protected readonly _client: OneMessage;

  constructor(client: OneMessage) {
    this._client = client;
  }
}
