import { canonicalJson } from '../config/canonical-json.js';
import { drawFromRange, qBounds, qValue, roundDraw } from '../config/distributions.js';
import type { ParameterSpec, ParamValue } from '../config/types.js';
import type { SearchDomain } from './tpe/index.js';

/**
 * A sweep's parameters as a model-based search sees them: each swept parameter a
 * SearchDomain that respects its distribution, with the maps between a spec value and the
 * domain's number. uniform: a float range; log_uniform_values and log_uniform: a log-scale
 * float range (in values); int_uniform: integers; q_uniform: the integer k of each multiple
 * k*q; values / categorical: a category per value; the other range forms (quantized or
 * inverse log scales): the uniform variate u in [0, 1) that the spec's own draw formula
 * (drawFromRange, monotone in u) turns into a value, so their measure is respected exactly.
 * Fixed values take no domain. The normal family is not modelled (`unsupported`).
 */
export interface SpaceParam {
  name: string;
  domain: SearchDomain;
  /** The spec value for a domain number. */
  toValue(x: number): ParamValue;
  /** The domain number of a stored value; null when the value is not one this parameter takes. */
  toDomain(v: ParamValue | undefined): number | null;
}

export interface ParameterSpace {
  params: SpaceParam[];
  /** Fixed `value` parameters, added to every assignment as they are. */
  fixed: Record<string, ParamValue>;
  /** Parameters whose distribution the search cannot model, with why. */
  unsupported: { name: string; why: string }[];
}

export function parameterSpace(parameters: Readonly<Record<string, ParameterSpec>>): ParameterSpace {
  const space: ParameterSpace = { params: [], fixed: {}, unsupported: [] };
  for (const name of Object.keys(parameters).sort()) {
    const p = parameters[name];
    switch (p.kind) {
      case 'value':
        space.fixed[name] = p.value;
        break;
      case 'values':
      case 'categorical': {
        const keys = p.values.map((v) => canonicalJson(v));
        space.params.push({
          name,
          domain: { kind: 'categorical', choices: p.values.length },
          toValue: (x) => structuredClone(p.values[Math.round(x)]),
          toDomain: (v) => (v === undefined ? null : indexOrNull(keys.indexOf(canonicalJson(v)))),
        });
        break;
      }
      case 'normal':
        space.unsupported.push({ name, why: `${p.distribution} has no bounds for a Parzen estimator to work in` });
        break;
      case 'distribution':
        space.params.push(rangeParam(name, p));
        break;
    }
  }
  return space;
}

function indexOrNull(i: number): number | null {
  return i < 0 ? null : i;
}

function rangeParam(name: string, p: Extract<ParameterSpec, { kind: 'distribution' }>): SpaceParam {
  const num = (v: ParamValue | undefined): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const inside = (x: number | null, lo: number, hi: number) => (x !== null && x >= lo && x <= hi ? x : null);
  switch (p.distribution) {
    case 'uniform':
      return { name, domain: { kind: 'float', low: p.min, high: p.max, log: false }, toValue: (x) => roundDraw(x), toDomain: (v) => inside(num(v), p.min, p.max) };
    case 'log_uniform_values':
      return { name, domain: { kind: 'float', low: p.min, high: p.max, log: true }, toValue: (x) => roundDraw(x), toDomain: (v) => inside(num(v), p.min, p.max) };
    case 'log_uniform': {
      const lo = Math.exp(p.min);
      const hi = Math.exp(p.max);
      return { name, domain: { kind: 'float', low: lo, high: hi, log: true }, toValue: (x) => roundDraw(x), toDomain: (v) => inside(num(v), lo * (1 - 1e-9), hi * (1 + 1e-9)) };
    }
    case 'int_uniform':
      return { name, domain: { kind: 'int', low: p.min, high: p.max, log: false, step: 1 }, toValue: (x) => Math.round(x), toDomain: (v) => inside(num(v), p.min, p.max) };
    case 'q_uniform': {
      const q = p.q ?? 1;
      const { lo, hi } = qBounds(p.min, p.max, q);
      return {
        name,
        domain: { kind: 'int', low: lo, high: hi, log: false, step: 1 },
        toValue: (k) => qValue(Math.round(k), q),
        toDomain: (v) => {
          const x = num(v);
          return x === null ? null : inside(Math.round(x / q), lo, hi);
        },
      };
    }
    default: {
      const draw = (u: number) => drawFromRange(p.distribution, p.min, p.max, p.q, Math.min(u, 1 - 1e-12));
      return { name, domain: { kind: 'float', low: 0, high: 1, log: false }, toValue: (u) => draw(u), toDomain: (v) => inverseDraw(draw, num(v)) };
    }
  }
}

/**
 * The u whose draw is `v`: bisection on the monotone draw (increasing in u for every range
 * form), the middle of the plateau for a quantized value. Null when no u gives v.
 */
function inverseDraw(draw: (u: number) => number, v: number | null): number | null {
  if (v === null) return null;
  const edge = (strict: boolean): number => {
    let lo = 0;
    let hi = 1;
    for (let i = 0; i < 50; i++) {
      const mid = (lo + hi) / 2;
      const d = draw(mid);
      if (strict ? d > v : d >= v) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  const from = edge(false);
  const to = edge(true);
  const u = Math.min((from + to) / 2, 1 - 1e-12);
  return Math.abs(draw(u) - v) <= 1e-9 * Math.max(1, Math.abs(v)) ? u : null;
}
