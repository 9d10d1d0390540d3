/**
 * Builds a URL path, percent-encoding every interpolated value so an id can never
 * change the route (`path\`/messages/${id}\`` with `id = '../x'` stays one segment).
 */
export function path(strings: TemplateStringsArray, ...values: readonly (string | number)[]): string {
  let out = strings[0] ?? '';
  for (let i = 0; i < values.length; i++) {
    out += encodeURIComponent(String(values[i])) + (strings[i + 1] ?? '');
  }
  return out;
}
