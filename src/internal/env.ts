// The one place that reads the environment. Works where `process.env` (Node, Bun) or
// `Deno.env` exists; elsewhere (workers, browsers) every variable reads as undefined.

type DenoLike = { env?: { get?(name: string): string | undefined } };
type ProcessLike = { env?: Record<string, string | undefined> };

/** Reads an environment variable, trimmed; `undefined` when unset, empty or unreadable. */
export function readEnv(name: string): string | undefined {
  const g = globalThis as { process?: ProcessLike; Deno?: DenoLike };
  try {
    const value = g.process?.env?.[name] ?? g.Deno?.env?.get?.(name);
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
  } catch {
    // Deno without --allow-env throws: treat it as unset.
    return undefined;
  }
}
