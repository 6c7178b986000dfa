import { canonicalJson } from '../config/canonical-json.js';
import type { ParameterSpec, ParamValue, SweepSpec } from '../config/types.js';
import { formatParamValue } from '../config/format-param.js';
import type { PlannedTrial } from './trial.js';

/**
 * What a plan varies: a parameter is swept when its value differs between trials
 * (including a default that follows another knob, like learning_rate following the
 * optimizer); every other param is fixed. Derived from the trials themselves, so it
 * is right for grids, random draws and run_cap alike.
 */
export interface SweptParameter {
  name: string;
  /** Distinct values in order of first appearance in the plan. */
  values: ParamValue[];
  /** How the spec declares it: `values`, `categorical`, `log_uniform_values [0.0001, 0.1]`, or `default`. */
  source: string;
}

export interface ParameterSummary {
  /** Names sorted. */
  swept: SweptParameter[];
  /** Params with one value across the whole plan, names sorted. */
  fixed: { name: string; value: ParamValue }[];
}

export function summarizeParameters(spec: SweepSpec, trials: readonly PlannedTrial[]): ParameterSummary {
  const summary: ParameterSummary = { swept: [], fixed: [] };
  if (trials.length === 0) return summary;
  // A knob driven by an alias (`lr`) is shown once, under the alias's name.
  const driven = new Set(Object.values(spec.knobs ?? {}));
  for (const name of Object.keys(trials[0].params).sort()) {
    if (driven.has(name as never)) continue;
    const seen = new Map<string, ParamValue>();
    for (const t of trials) {
      const v = t.params[name];
      const k = canonicalJson(v);
      if (!seen.has(k)) seen.set(k, v);
    }
    const values = [...seen.values()];
    if (values.length > 1) summary.swept.push({ name, values, source: describeSource(spec.parameters[name]) });
    else summary.fixed.push({ name, value: values[0] });
  }
  return summary;
}

/**
 * How the spec declares a parameter, with what W&B would infer or default filled in: an
 * inferred `{min, max}` shows as the int_uniform or uniform it became, a normal shows its mu
 * and sigma even when they were left at 0 and 1.
 */
function describeSource(p: ParameterSpec | undefined): string {
  if (!p) return 'default';
  const q = (x: number | undefined) => (x === undefined ? '' : ` q=${formatParamValue(x)}`);
  switch (p.kind) {
    case 'value':
      return 'value';
    case 'values':
    case 'categorical':
      return p.probabilities ? `${p.kind}, probabilities ${p.probabilities.map(formatParamValue).join(', ')}` : p.kind;
    case 'distribution':
      return `${p.distribution} [${formatParamValue(p.min)}, ${formatParamValue(p.max)}]${q(p.q)}`;
    case 'normal':
      return `${p.distribution} (mu ${formatParamValue(p.mu)}, sigma ${formatParamValue(p.sigma)})${q(p.q)}`;
  }
}
