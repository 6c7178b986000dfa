import { canonicalJson } from '../config/canonical-json.js';
import { drawFromRange } from '../config/distributions.js';
import type { ParameterSpec, ParamValue } from '../config/types.js';
import { sortAssignment, type Assignment } from './expand-grid.js';
import { createPrng, type Prng } from '../core/prng.js';

/** Draws tried per wanted trial before giving up on finding new distinct points. */
const ATTEMPTS_PER_TRIAL = 50;

/**
 * `count` distinct draws from the parameters, seeded by `seed`. Names are visited in
 * sorted order and each draw consumes the PRNG in a fixed way, so the result depends
 * only on (parameters, count, seed). `values` / categorical pick uniformly from the
 * list; fixed `value`s consume nothing. Repeated points are skipped (a sweep never
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
      return p.values[prng.nextInt(p.values.length)];
    case 'distribution':
      return drawFromRange(p.distribution, p.min, p.max, p.q, prng.nextFloat());
  }
}

/** How many distinct points exist; Infinity when a continuous range is involved. */
function discreteSpaceSize(params: ParameterSpec[]): number {
  let n = 1;
  for (const p of params) {
    if (p.kind === 'value') continue;
    if (p.kind === 'values' || p.kind === 'categorical') n *= p.values.length;
    else if (p.distribution === 'int_uniform') n *= p.max - p.min + 1;
    else return Infinity;
  }
  return n;
}
