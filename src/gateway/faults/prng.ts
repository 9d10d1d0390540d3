/**
 * A tiny seedable pseudo-random generator, so a fault run can be replayed from its seed.
 * @module
 */

/**
 * mulberry32: 32 bits of state, uniform floats in [0, 1), the same sequence for the same seed on
 * every runtime. Not for secrets: it is for choosing which request fails.
 * @example
 * ```ts
 * const random = mulberry32(1);
 * random(); // 0.6270739405881613, every time
 * ```
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}
