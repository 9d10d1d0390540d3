/**
 * The simulated sender-ID review: names that impersonate banks, authorities or big brands are
 * rejected, as carriers' registries do. Deliberately small and predictable so tests can use it.
 * @module
 */

/**
 * Words a sender ID may not contain (case-insensitive, spaces ignored), each with the reason given
 * in `rejection_reason`. `REJECTME` always triggers a rejection, for tests.
 */
export const FORBIDDEN_SENDER_WORDS: Readonly<Record<string, string>> = Object.freeze({
  BANK: 'impersonates a bank',
  POLICE: 'impersonates a public authority',
  GOV: 'impersonates a public authority',
  HMRC: 'impersonates a public authority',
  PAYPAL: 'uses a brand name the account does not own',
  AMAZON: 'uses a brand name the account does not own',
  APPLE: 'uses a brand name the account does not own',
  GOOGLE: 'uses a brand name the account does not own',
  VERIFY: 'is a generic verification name used in phishing',
  REJECTME: 'the test word REJECTME always triggers a rejection',
});

/** Why the alphanumeric `senderId` is rejected, or `undefined` when the review approves it. */
export function senderRejection(senderId: string): string | undefined {
  const squashed = senderId.replace(/ /g, '').toUpperCase();
  const word = Object.keys(FORBIDDEN_SENDER_WORDS).find((forbidden) => squashed.includes(forbidden));
  return word && `The sender ID contains "${word}", which ${FORBIDDEN_SENDER_WORDS[word]}.`;
}
