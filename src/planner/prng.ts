/**
 * A small seeded PRNG (mulberry32): 32-bit state, uniform doubles in [0, 1). The same
 * seed gives the same sequence on every machine, which is all the planner needs (it is
 * not for cryptography). Exported for anything else that must shuffle reproducibly.
 */
export interface Prng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  nextInt(n: number): number;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function createPrng(seed: number): Prng {
  const next = mulberry32(seed);
  return { next, nextInt: (n) => Math.floor(next() * n) };
}
