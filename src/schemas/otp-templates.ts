/**
 * The default OTP text per language and the language of each country: the gateway renders the
 * SMS with it, the docs print it (docs/otp.md), and tests read it. Data and two pure functions.
 * @module
 */

/** The placeholder a template must contain; it is replaced by the code. */
export const OTP_CODE_PLACEHOLDER = '{{code}}';

/** The languages the default OTP text exists in (ISO 639-1). */
export type OtpLocale = 'en' | 'it' | 'es' | 'fr' | 'de' | 'pt' | 'nl' | 'pl' | 'tr' | 'ar' | 'hi';

/** The default text per language; every one contains {@link OTP_CODE_PLACEHOLDER} once. */
export const OTP_DEFAULT_TEMPLATES: Readonly<Record<OtpLocale, string>> = Object.freeze({
  en: 'Your code is {{code}}',
  it: 'Il tuo codice è {{code}}',
  es: 'Tu código es {{code}}',
  fr: 'Votre code est {{code}}',
  de: 'Ihr Code lautet {{code}}',
  pt: 'O seu código é {{code}}',
  nl: 'Je code is {{code}}',
  pl: 'Twój kod to {{code}}',
  tr: 'Doğrulama kodunuz {{code}}',
  ar: 'رمز التحقق الخاص بك هو {{code}}',
  hi: 'आपका कोड {{code}} है',
});

/** Every language of {@link OTP_DEFAULT_TEMPLATES}, in table order. */
export const OTP_LOCALES: readonly OtpLocale[] = Object.freeze(Object.keys(OTP_DEFAULT_TEMPLATES) as OtpLocale[]);

/** The language used for a country the table below does not name. */
export const OTP_FALLBACK_LOCALE: OtpLocale = 'en';

/**
 * The language of the default text per ISO 3166-1 alpha-2 country (the recipient number's).
 * Countries with several official languages get the one most of their mobile users read
 * (Belgium and Switzerland: French and German respectively; pass `locale` to choose).
 */
export const OTP_COUNTRY_LOCALES: Readonly<Record<string, OtpLocale>> = Object.freeze({
  ...each('it', ['IT', 'SM', 'VA']),
  ...each('es', ['ES', 'MX', 'AR', 'CO', 'CL', 'PE', 'VE', 'EC', 'GT', 'CU', 'BO', 'DO', 'HN', 'PY', 'SV', 'NI']),
  ...each('es', ['CR', 'PA', 'UY', 'GQ']),
  ...each('fr', ['FR', 'BE', 'MC', 'LU', 'SN', 'CI', 'CM', 'ML', 'BF', 'NE', 'TG', 'BJ', 'GA', 'CG', 'CD', 'MG']),
  ...each('de', ['DE', 'AT', 'CH', 'LI']),
  ...each('pt', ['PT', 'BR', 'AO', 'MZ', 'CV', 'GW', 'ST', 'TL']),
  ...each('nl', ['NL', 'SR']),
  ...each('pl', ['PL']),
  ...each('tr', ['TR']),
  ...each('ar', ['SA', 'AE', 'EG', 'MA', 'DZ', 'TN', 'LY', 'JO', 'KW', 'QA', 'BH', 'OM', 'IQ', 'LB', 'SY', 'YE', 'SD']),
  ...each('hi', ['IN']),
});

function each(locale: OtpLocale, countries: readonly string[]): Record<string, OtpLocale> {
  return Object.fromEntries(countries.map((country) => [country, locale]));
}

/** True for a language tag whose language has a default text, e.g. `it`, `pt-BR`, `AR`. */
export function isOtpLocale(tag: string): boolean {
  return otpLocaleOf(tag) !== undefined;
}

/** The table language of a BCP 47 tag (`pt-BR` → `pt`), or `undefined` when there is none. */
export function otpLocaleOf(tag: string): OtpLocale | undefined {
  const language = /^([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]{1,8})*$/.exec(tag)?.[1]?.toLowerCase();
  return language !== undefined && Object.hasOwn(OTP_DEFAULT_TEMPLATES, language) ? (language as OtpLocale) : undefined;
}

/**
 * The language of the default text: `locale` when given (and in the table), else the country's,
 * else English.
 * @example otpLocaleFor('IT') // 'it'; otpLocaleFor('JP') // 'en'; otpLocaleFor('IT', 'de-CH') // 'de'
 */
export function otpLocaleFor(country: string | null | undefined, locale?: string): OtpLocale {
  const chosen = locale === undefined ? undefined : otpLocaleOf(locale);
  if (chosen) return chosen;
  const byCountry = country ? OTP_COUNTRY_LOCALES[country.toUpperCase()] : undefined;
  return byCountry ?? OTP_FALLBACK_LOCALE;
}

/** The default template for a recipient's country, or for `locale` when given. */
export function defaultOtpTemplate(country: string | null | undefined, locale?: string): string {
  return OTP_DEFAULT_TEMPLATES[otpLocaleFor(country, locale)];
}

/** Puts `code` into `template` (every {@link OTP_CODE_PLACEHOLDER}). */
export function renderOtpTemplate(template: string, code: string): string {
  return template.split(OTP_CODE_PLACEHOLDER).join(code);
}
