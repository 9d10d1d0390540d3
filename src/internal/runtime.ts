// Names the JavaScript runtime for the User-Agent, from globals only (no Node APIs).

/** The runtime, e.g. `node 20.20.2`, `deno 2.1.0`, `bun 1.1.0`, `workerd`, `browser`, `unknown`. */
export function runtimeName(): string {
  const g = globalThis as {
    Bun?: { version?: string };
    Deno?: { version?: { deno?: string } };
    process?: { versions?: { node?: string } };
    navigator?: { userAgent?: string };
    window?: unknown;
  };
  if (g.Bun?.version) return `bun ${g.Bun.version}`;
  if (g.Deno?.version?.deno) return `deno ${g.Deno.version.deno}`;
  if (g.process?.versions?.node) return `node ${g.process.versions.node}`;
  if (g.navigator?.userAgent === 'Cloudflare-Workers') return 'workerd';
  if (g.window !== undefined) return 'browser';
  return 'unknown';
}

/** True where `fetch` forbids setting `User-Agent` (browsers). */
export function isBrowser(): boolean {
  const g = globalThis as { window?: unknown; document?: unknown };
  return g.window !== undefined && g.document !== undefined;
}
