import { canonicalJson } from '../config/canonical-json.js';
import { drawFromRange } from '../config/distributions.js';
import { drawFromNormal, standardNormal } from '../config/normal-draw.js';
import type { ParameterSpec, ParamValue } from '../config/types.js';
import { sortAssignment, type Assignment } from './expand-grid.js';
import { createPrng, type Prng } from '../core/prng.js';
import { weightedPick } from './weighted-pick.js';

/** Draws tried per wanted trial before giving up on finding new distinct points. */
const ATTEMPTS_PER_TRIAL = 50;

/**
 * `count` distinct draws from the parameters, seeded by `seed`. Names are visited in
 * sorted order and each draw consumes the PRNG in a fixed way, so the result depends
 * only on (parameters, count, seed). `values` / categorical pick uniformly from the
 * list (one nextInt), or by `probabilities` (one nextFloat); a range takes one nextFloat, a
 * normal two (Box-Muller); fixed `value`s consume nothing. These rules are fixed: a plan
 * made before depends on them. Repeated points are skipped (a sweep never
 * holds the same trial twice), so a small discrete space yields fewer than `count`.
 */
export function sampleRandom(parameters: Readonly<Record<string, ParameterSpec>>, count: number, seed: number): Assignment[] {
  const names = Object.keys(parameters).sort();
  const prng = createPrng(seed);
  const space = discreteSpaceSize(names.map((n) => parameters[n]));
  const out: Assignment[] = [];
  const seen = new Set<string>();
  const wanted = Math.min(count, space);
  for (let attempt = 0; out.length < wanted && attempt < count * ATTEMPTS_PER_TRIAL; attempt++) {
    const a: Assignment = {};
    for (const name of names) a[name] = draw(parameters[name], prng);
    const key = canonicalJson(a);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(sortAssignment(a));
  }
  return out;
}

function draw(p: ParameterSpec, prng: Prng): ParamValue {
  switch (p.kind) {
    case 'value':
      return p.value;
    case 'values':
    case 'categorical':
      return p.probabilities ? p.values[weightedPick(p.probabilities, prng.nextFloat())] : p.values[prng.nextInt(p.values.length)];
    case 'distribution':
      return drawFromRange(p.distribution, p.min, p.max, p.q, prng.nextFloat());
    case 'normal': {
      const u1 = prng.nextFloat();
      return drawFromNormal(p.distribution, p.mu, p.sigma, p.q, standardNormal(u1, prng.nextFloat()));
    }
  }
}

/**
 * How many distinct points exist (values of zero probability never come up); Infinity
 * when a continuous or quantized range is involved (a bound on attempts covers those).
 */
function discreteSpaceSize(params: ParameterSpec[]): number {
  let n = 1;
  for (const p of params) {
    if (p.kind === 'value') continue;
    if (p.kind === 'values' || p.kind === 'categorical') n *= p.probabilities ? p.probabilities.filter((w) => w > 0).length : p.values.length;
    else if (p.kind === 'distribution' && p.distribution === 'int_uniform') n *= p.max - p.min + 1;
    else return Infinity;
  }
  return n;
}
