import type { ParamValue } from './types.js';

/**
 * Compact, stable text for one parameter value, as shown in tables and in the `results`
 * view: numbers in JS shortest form (`0.001`, `1e-05`), null as `none`, an object as
 * `k=v` pairs in key order joined by `,` (`l1=1e-05`, `l1=0.01,l2=0.001`), a list as
 * `[a,b]`. Pure; the same value always gives the same text.
 */
export function formatParamValue(v: ParamValue): string {
  if (v === null) return 'none';
  if (typeof v === 'number') return formatNumber(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(formatParamValue).join(',')}]`;
  return Object.keys(v)
    .sort()
    .map((k) => `${k}=${formatParamValue(v[k])}`)
    .join(',');
}

function formatNumber(n: number): string {
  if (Number.isInteger(n) || n === 0) return String(n);
  const a = Math.abs(n);
  // Keep small/large numbers in exponent form like Python/Keras prints them (1e-05).
  if (a < 1e-4 || a >= 1e6) {
    const [m, e] = n.toExponential().split('e');
    const exp = Number(e);
    return `${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  return String(n);
}

/** Column name of a parameter in the `results` view: dots become underscores. */
export function paramColumnName(param: string): string {
  return param.replace(/[^A-Za-z0-9_]/g, '_');
}
