/**
 * Memoises a dynamic `import()` (or any async load): the first call starts it, later calls share
 * the same promise, and a failed load is forgotten so the next call tries again. The SDK's one
 * way to defer zod, libphonenumber-js, undici and the segment tables until first use.
 */
export function lazy<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () =>
    (pending ??= load().catch((error: unknown) => {
      pending = undefined;
      throw error;
    }));
}
