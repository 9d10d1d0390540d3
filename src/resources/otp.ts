import type { APIPromise } from '../core/api-promise.js';
import { APIResource } from '../core/resource.js';
import type { RequestOptions, Validator } from '../core/transport.js';
import { named } from '../internal/brand.js';
import { lazy } from '../internal/lazy.js';
import type { Otp, OtpVerification } from '../schemas/otp.js';
import type { OtpSendParams, OtpVerifyParams } from '../schemas/otp-params.js';

/**
 * One-time passwords by SMS: send a code, then verify what the user typed. The code is drawn,
 * stored (hashed) and checked by the API; your server only keeps the `otp_…` id.
 */
export class OneTimePasswords extends APIResource {
  static {
    named(this, 'OneTimePasswords');
  }

  /**
   * Sends a code by SMS, in the recipient's language unless you give a `template`. Parameters
   * are validated locally first (a bad one rejects with a `ValidationError`, nothing is sent).
   * @example
   * const otp = await client.otp.send({ to: '+393471234567', expires_in: 300 });
   * // keep otp.id (e.g. in the session); the code is only in the SMS (and in otp.code with a test key)
   */
  send(params: OtpSendParams, options?: RequestOptions): APIPromise<Otp> {
    return this._client.post('/otp/send', {
      body: params,
      validate: validateSend,
      options,
    });
  }

  /**
   * Checks a code. A wrong code is not an error: read `valid`, and `status` to tell a typo
   * (`pending`) from an `expired` or locked (`max_attempts_reached`) OTP.
   * @example
   * const { valid, status } = await client.otp.verify({ id: otp.id, code: '123456' });
   */
  verify(params: OtpVerifyParams, options?: RequestOptions): APIPromise<OtpVerification> {
    return this._client.post('/otp/verify', {
      body: params,
      validate: validateVerify,
      options,
    });
  }
}

// zod and libphonenumber-js load on the first call that validates, not when the SDK is imported.
const validators = lazy(() => import('../schemas/otp-params.js'));
const validateSend: Validator = async (input) => (await validators()).validateOtpSendParams(input);
const validateVerify: Validator = async (input) => (await validators()).validateOtpVerifyParams(input);
