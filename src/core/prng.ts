/**
 * The one seeded pseudo-random generator tfsweep uses for data and shuffles: sfc32
 * (Chris Doty-Humphrey's Small Fast Counting generator), seeded through splitmix32.
 * Pure integer arithmetic, so the same seed gives the same stream, bit for bit, on every
 * machine and Node version.
 */
export interface Prng {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Next double in [0, 1) with 53 random bits. */
  nextFloat(): number;
  /** Next integer in [0, n) (n <= 2^32). */
  nextInt(n: number): number;
}

/** splitmix32: a fast avalanche mixer, used to spread a seed over the sfc32 state. */
function splitmix32(state: number): [number, number] {
  const next = (state + 0x9e3779b9) | 0;
  let z = next;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  z ^= z >>> 16;
  return [next, z >>> 0];
}

/** Splits any finite number into two 32-bit words so seeds above 2^32 (or negative) stay distinct. */
function seedWords(seed: number): [number, number] {
  const s = Number.isFinite(seed) ? Math.trunc(seed) : 0;
  const lo = s >>> 0;
  const hi = Math.floor(s / 4294967296) >>> 0;
  return [lo, hi];
}

export function createPrng(seed: number): Prng {
  const [lo, hi] = seedWords(seed);
  let st = lo ^ Math.imul(hi, 0x27d4eb2d);
  const words: number[] = [];
  for (let i = 0; i < 4; i++) {
    const [next, out] = splitmix32(st);
    st = next;
    words.push(out);
  }
  let [a, b, c, d] = words;
  const nextUint32 = (): number => {
    a >>>= 0; b >>>= 0; c >>>= 0; d >>>= 0;
    const t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    const r = (t + d) | 0;
    c = (c + r) | 0;
    return r >>> 0;
  };
  // Warm-up: the first outputs of sfc32 are still correlated with the seed.
  for (let i = 0; i < 12; i++) nextUint32();
  return {
    nextUint32,
    nextFloat: () => ((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992,
    nextInt: (n: number) => Math.floor(((nextUint32() >>> 5) * 67108864 + (nextUint32() >>> 6)) / 9007199254740992 * n),
  };
}

/**
 * A 32-bit seed derived from a parent seed and a label path, e.g. deriveSeed(7, 'init', 0).
 * Different labels give independent streams, so adding a consumer never shifts another.
 */
export function deriveSeed(seed: number, ...labels: (string | number)[]): number {
  const [lo, hi] = seedWords(seed);
  let h = splitmix32(lo ^ 0x5bd1e995)[1] ^ splitmix32(hi + 0x1b873593)[1];
  for (const label of labels) {
    const text = String(label);
    for (let i = 0; i < text.length; i++) {
      h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
    }
    h = splitmix32(h ^ 0x9e3779b9)[1];
  }
  return h >>> 0;
}
