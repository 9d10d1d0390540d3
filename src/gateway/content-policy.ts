/**
 * The simulated content policy: text an operator would refuse. Deliberately small and
 * predictable so tests can trigger it.
 * @module
 */

/** What the policy blocks, each with the reason given in the 400 `forbidden_content` error. */
export const FORBIDDEN_CONTENT_RULES: readonly { pattern: RegExp; reason: string }[] = Object.freeze([
  {
    // Public link shorteners hide the destination: carriers filter them as a phishing signal.
    pattern: /\b(?:bit\.ly|tinyurl\.com|goo\.gl|ow\.ly|is\.gd|cutt\.ly)\//i,
    reason: 'public link shorteners are not allowed; use a link on your own domain',
  },
  {
    pattern: /\bFORBIDDEN_CONTENT_TEST\b/,
    reason: 'the test phrase FORBIDDEN_CONTENT_TEST always triggers the content policy',
  },
]);

/** The reason `text` breaks the content policy, or `undefined` when it is allowed. */
export function contentViolation(text: string): string | undefined {
  return FORBIDDEN_CONTENT_RULES.find((rule) => rule.pattern.test(text))?.reason;
}
