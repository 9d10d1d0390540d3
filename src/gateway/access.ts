/**
 * Who may talk to the gateway from a browser or over the network: the `Host` names it answers
 * to over HTTP (DNS rebinding defence) and the origins that get CORS headers. Both default to
 * loopback only, so a web page on another origin can neither read answers nor rebind a name
 * it controls to 127.0.0.1.
 * @module
 */

/**
 * Origins that get CORS headers when `corsOrigins` is not given. A trailing `:*` matches any
 * port (or none).
 */
export const DEFAULT_CORS_ORIGINS: readonly string[] = Object.freeze([
  'http://localhost:*',
  'http://127.0.0.1:*',
  'http://[::1]:*',
]);

/** Whether `hostname` (no port; IPv6 in brackets, lower case) is a loopback name. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host === '[::1]' ||
    // 127.0.0.0/8 is loopback as a whole, not only 127.0.0.1.
    /^127(?:\.\d{1,3}){3}$/.test(host)
  );
}

/**
 * The `Host` check applied to requests that arrive over HTTP: loopback names always pass, then
 * `allowed` (exact names, `*.example.test` for a domain and its subdomains, or `'*'` for any).
 */
export function hostChecker(allowed: readonly string[] | '*'): (hostname: string) => boolean {
  if (allowed === '*') return () => true;
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const entry of allowed) {
    const name = entry.toLowerCase().replace(/\.$/, '');
    if (name.startsWith('*.')) suffixes.push(name.slice(1));
    else exact.add(name);
  }
  return (hostname) => {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    return (
      isLoopbackHost(host) ||
      exact.has(host) ||
      suffixes.some((suffix) => host.endsWith(suffix) || host === suffix.slice(1))
    );
  };
}

/**
 * The CORS check: whether a request's `Origin` may read the answer. `'*'` allows any origin;
 * otherwise an entry is an exact origin (`https://app.example.test`) or ends in `:*` for any
 * port (`http://localhost:*`).
 */
export function originChecker(allowed: readonly string[] | '*'): (origin: string) => boolean {
  if (allowed === '*') return () => true;
  const exact = new Set<string>();
  const anyPort: string[] = [];
  for (const entry of allowed) {
    if (entry.endsWith(':*')) anyPort.push(entry.slice(0, -2).toLowerCase());
    else exact.add(entry.toLowerCase().replace(/\/$/, ''));
  }
  return (origin) => {
    const value = origin.toLowerCase();
    if (exact.has(value)) return true;
    // The scheme and host must match exactly: "http://localhost.evil.example" is not localhost.
    return anyPort.some(
      (base) => value === base || (value.startsWith(`${base}:`) && /^\d{1,5}$/.test(value.slice(base.length + 1))),
    );
  };
}
