import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions, Validator } from '../core/transport.js';
import type { OneMessage } from '../client.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { Call } from '../schemas/call.js';
import type { CallCreateParams } from '../schemas/call-params.js';

/** Text-to-speech and recorded-audio calls to one number or up to 1,000. */
export class Calls extends APIResource {
  static {
    named(this, 'Calls');
  }

  /**
   * Places a call. Give `text` (read out) or `audio_url` (played), not both. The answer is
   * `queued`; follow it with {@link Calls.retrieve} or the `voice.completed` event.
   * @example
   * const call = await client.voice.calls.create({ to: '+447911123456', text: 'Your code is 1 2 3 4', repeat: 2 });
   */
  create(params: CallCreateParams, options?: RequestOptions): APIPromise<Call> {
    return this._client.post('/voice/calls', {
      body: params,
      validate: validateCreate,
      options,
    });
  }

  /** Fetches a call by id, with each number's status, outcome, duration and price in `legs`. */
  retrieve(id: string, options?: RequestOptions): APIPromise<Call> {
    return this._client.get('/voice/calls/:id', {
      pathParams: { id },
      options,
    });
  }
}

/** Voice: `client.voice.calls`. */
export class Voice extends APIResource {
  static {
    named(this, 'Voice');
  }

  /** Place and follow voice calls. */
  readonly calls: Calls;

  constructor(client: OneMessage) {
    super(client);
    this.calls = new Calls(client);
  }
}

// zod and libphonenumber-js load on the first call that validates, not when the SDK is imported.
const validators = lazy(() => import('../schemas/call-params.js'));
const validateCreate: Validator = async (input) => (await validators()).validateCallCreateParams(input);
