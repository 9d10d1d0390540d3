/**
 * The one-time passwords of every account, with what the wire object does not show: the salted
 * hash, the attempt count, and the plain code only while a resend window needs it.
 * @module
 */

import type { Otp } from '../../schemas/otp.js';
import type { Account } from '../accounts/accounts.js';
import type { TimerHandle } from '../clock.js';
import type { Journal } from '../persistence/journal.js';

/** An OTP plus its secrets and bookkeeping. */
export interface OtpRecord {
  /** The OTP as the API returns it (without `code`; the route adds it for test keys). */
  otp: Otp;
  /** Per-OTP random salt of {@link OtpRecord.hash}. */
  salt: string;
  /** SHA-256 of `salt:code`: the only lasting trace of the code. */
  hash: string;
  /**
   * The plain code, kept only until {@link OtpRecord.cacheUntil} so a send inside the window can
   * resend it; `undefined` after that, and from the start when `cache_seconds` is 0.
   */
  plainCode: string | undefined;
  /** Whether the code has letters (verification then ignores letter case). */
  alphanumeric: boolean;
  /** Wrong codes tried so far. */
  attempts: number;
  /** Wrong codes allowed. */
  maxAttempts: number;
  /** Clock time (ms) from which the code is refused. */
  expiresAt: number;
  /** Clock time (ms) until which a send to the same number resends this code. */
  cacheUntil: number;
  /** The timer that forgets the plain code at the end of the window. */
  forget: TimerHandle | undefined;
}

/** Most OTPs kept per account; the oldest is dropped past it. */
export const MAX_OTPS_PER_ACCOUNT = 10_000;

interface AccountOtps {
  /** Insertion order is creation order, so the first key is the oldest. */
  byId: Map<string, OtpRecord>;
  /** The OTP whose resend window is open, per recipient. */
  cachedByTo: Map<string, OtpRecord>;
}

/**
 * Every account's OTPs, keyed by account id. Bound: {@link MAX_OTPS_PER_ACCOUNT} per account (the
 * oldest is dropped), and plain codes live at most `cache_seconds` (600 s).
 */
export class OtpStore {
  readonly #accounts = new Map<string, AccountOtps>();
  readonly #journal: Journal | undefined;

  /** `journal`: where OTPs are written (the `data` option): the hash, never the plain code. */
  constructor(journal?: Journal) {
    this.#journal = journal;
  }

  /** Puts back an OTP read from the data file (oldest first); its plain code is gone. */
  restore(account: Account, record: OtpRecord): void {
    this.#of(account).byId.set(record.otp.id, record);
  }

  /** Reports that `record` changed (status, attempts), so the data file gets it in this tick. */
  touch(account: Account, record: OtpRecord): void {
    // Every field but the plain code and its timer: the file must never hold a code.
    this.#journal?.put('otp', account.id, record.otp.id, () => {
      const { plainCode: _code, forget: _timer, ...kept } = record;
      return kept;
    });
  }

  /** Stores a new OTP. */
  insert(account: Account, record: OtpRecord): void {
    const otps = this.#of(account);
    otps.byId.set(record.otp.id, record);
    this.touch(account, record);
    if (record.plainCode !== undefined) otps.cachedByTo.set(record.otp.to, record);
    if (otps.byId.size > MAX_OTPS_PER_ACCOUNT) {
      const [oldestId, oldest] = otps.byId.entries().next().value!;
      otps.byId.delete(oldestId);
      this.#journal?.delete('otp', account.id, oldestId);
      this.forgetCode(account, oldest);
    }
  }

  /** One OTP of the account, or `undefined` (also for another account's OTP). */
  get(account: Account, id: string): OtpRecord | undefined {
    return this.#of(account).byId.get(id);
  }

  /** The OTP to `to` whose resend window is open at `now` and that can still be verified, if any. */
  cached(account: Account, to: string, now: number): OtpRecord | undefined {
    const record = this.#of(account).cachedByTo.get(to);
    if (!record || record.plainCode === undefined || now >= record.cacheUntil) return undefined;
    if (record.otp.status !== 'pending' || now >= record.expiresAt) return undefined;
    return record;
  }

  /** Drops the plain code (end of the window, or the OTP is no longer pending). */
  forgetCode(account: Account, record: OtpRecord): void {
    record.plainCode = undefined;
    if (this.#of(account).byId.get(record.otp.id) === record) this.touch(account, record);
    const otps = this.#of(account);
    if (otps.cachedByTo.get(record.otp.to) === record) otps.cachedByTo.delete(record.otp.to);
  }

  #of(account: Account): AccountOtps {
    let otps = this.#accounts.get(account.id);
    if (!otps) {
      otps = { byId: new Map(), cachedByTo: new Map() };
      this.#accounts.set(account.id, otps);
    }
    return otps;
  }
}
