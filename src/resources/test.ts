import { APIPromise } from '../core/api-promise.js';
import { OneMessageError } from '../core/errors.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions, Validator } from '../core/transport.js';
import { brand, named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { Balance } from '../schemas/balance.js';
import type { Message } from '../schemas/message.js';
import type { TestInboundParams } from '../schemas/test-params.js';
import type { OneMessage } from '../client.js';

/**
 * A test-mode helper (`client.test.*`) was called with a live key (`ark_live_…`). Raised by the
 * SDK before any request: test helpers mint credit and fake traffic, which live mode refuses.
 */
export class TestModeError extends OneMessageError {
  static {
    brand(this, 'TestModeError');
  }

  /** The class name, kept literal so it survives minification. */
  override name = 'TestModeError' as const;
  /** The helper that was refused, e.g. `test.topUp`. */
  readonly method: string;

  /** `method`: the helper refused, e.g. `test.topUp`. */
  constructor(method: string) {
    super(
      `client.${method} is a test-mode helper and needs a test key (ark_test_…); this client has a live key ` +
        '(ark_live_…). Nothing was sent.',
    );
    this.method = method;
  }
}

/**
 * Test-mode helpers under `/v1/test/`: add credit and simulate inbound SMS. They work with test
 * keys only; with a live key every call rejects with a {@link TestModeError} before any request.
 */
export class TestHelpers extends APIResource {
  static {
    named(this, 'TestHelpers');
  }

  readonly #live: boolean;

  /** `live`: whether the client's key is a live key (`ark_live_…`), for which every helper is refused. */
  constructor(client: OneMessage, live: boolean) {
    super(client);
    this.#live = live;
  }

  /**
   * Adds test credit: `amount` is a decimal string in the account's currency (e.g. `"25.00"`, more
   * than 0, at most 10000). Resolves to the new Balance.
   * @example
   * const balance = await client.test.topUp('25.00');
   */
  topUp(amount: string, options?: RequestOptions): APIPromise<Balance> {
    if (this.#live) return refuse('test.topUp');
    return this._client.post('/test/top_ups', {
      body: { amount },
      validate: validateTopUp,
      options,
    });
  }

  /**
   * Simulates an SMS from `from` to the account's virtual number (or `to`): it is stored as an
   * inbound message (`messages.list({ direction: 'inbound' })`) and announced by `message.received`.
   * @example
   * const reply = await client.test.inbound({ from: '+447911123456', body: 'YES' });
   */
  inbound(params: TestInboundParams, options?: RequestOptions): APIPromise<Message> {
    if (this.#live) return refuse('test.inbound');
    return this._client.post('/test/inbound', {
      body: params,
      validate: validateInbound,
      options,
    });
  }
}

function refuse<T>(method: string): APIPromise<T> {
  return new APIPromise<T>(Promise.reject(new TestModeError(method)));
}

// zod and libphonenumber-js load on the first call that validates, not when the SDK is imported.
const validators = lazy(() => import('../schemas/test-params.js'));
const validateTopUp: Validator = async (input) => (await validators()).validateTestTopUpParams(input);
const validateInbound: Validator = async (input) => (await validators()).validateTestInboundParams(input);
