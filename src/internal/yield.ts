/**
 * Lets the event loop run other work (I/O, timers, other requests) before continuing: long loops
 * over a batch await this every few hundred entries. `setImmediate` where the runtime has it
 * (Node, Bun): `setTimeout(0)` is clamped to 1–4 ms, which forty slices would add up. Always real
 * time, never a gateway's injected clock: a ManualClock would never fire it.
 */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof setImmediate === 'function') setImmediate(resolve);
    else setTimeout(resolve, 0);
  });
}
