import type { GenerateSpec } from '../config/types.js';
import { createPrng } from '../core/prng.js';

/**
 * Fills `out` (rows * cols, row-major) with seeded synthetic data.
 * - normal: Box-Muller pairs (cos then sin) from the seed's stream, mean + std * z;
 * - uniform: low + (high - low) * u with u in [0, 1).
 * Computed in float64 and stored as float32; the same spec gives the same bits every run.
 */
export function generateData(spec: GenerateSpec, out: Float32Array): void {
  const n = spec.rows * spec.cols;
  if (out.length < n) throw new RangeError(`generateData: buffer holds ${out.length} values, needs ${n}`);
  const rng = createPrng(spec.seed);
  if (spec.distribution === 'uniform') {
    const span = spec.high - spec.low;
    for (let i = 0; i < n; i++) out[i] = spec.low + span * rng.nextFloat();
    return;
  }
  const { mean, std } = spec;
  for (let i = 0; i < n; i += 2) {
    // 1 - u keeps the logarithm's argument in (0, 1].
    const r = Math.sqrt(-2 * Math.log(1 - rng.nextFloat()));
    const theta = 2 * Math.PI * rng.nextFloat();
    out[i] = mean + std * r * Math.cos(theta);
    if (i + 1 < n) out[i + 1] = mean + std * r * Math.sin(theta);
  }
}
