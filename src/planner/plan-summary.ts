import { isDenseLayer, isDropoutLayer, type DataSpec, type LayerSpec, type ModelSpec, type SweepSpec } from '../config/types.js';
import { gridSize } from './expand-grid.js';
import { formatParamValue } from '../config/format-param.js';
import { summarizeParameters } from './swept.js';
import type { PlannedTrial } from './trial.js';

/** Values shown per swept parameter before the list is cut short. */
const MAX_VALUES_SHOWN = 8;

/**
 * The text above a plan's trial table (also printed by `run` before it starts): the
 * trial count and how it came about, the data, model and metric, the swept parameters
 * with their values, and the fixed ones. Plain lines, no colour, so tests can read them.
 */
export function describePlan(spec: SweepSpec, trials: readonly PlannedTrial[], classes?: readonly string[]): string[] {
  const lines = [
    `${spec.name}: ${describeCount(spec, trials.length)}`,
    ...(spec.task === 'classification' ? [`task:   classification${classes ? `, ${classes.length} classes (${shortList(classes)})` : ''}`] : []),
    `data:   ${describeData(spec.data)}`,
    `model:  ${describeModel(spec.model)}`,
    `metric: ${spec.metric.name} (${spec.metric.goal})`,
    ...(spec.knobs ? [`knobs:  ${Object.entries(spec.knobs).map(([p, k]) => `${p} -> ${k}`).join(', ')}`] : []),
  ];
  const { swept, fixed } = summarizeParameters(spec, trials);
  const width = Math.max(0, ...[...swept, ...fixed].map((p) => p.name.length)) + 2;
  lines.push('', swept.length === 0 ? 'swept: nothing (a single trial)' : `swept (${swept.length}):`);
  for (const p of swept) {
    const drawn = p.source !== 'values' && p.source !== 'default' && p.source !== 'categorical';
    let shown: string;
    if (p.values.length <= MAX_VALUES_SHOWN) shown = p.values.map(formatParamValue).join(', ') + (p.source === 'values' ? '' : `  [${p.source}]`);
    else if (drawn) shown = `${p.values.length} distinct values drawn from ${p.source}`;
    else shown = `${p.values.slice(0, MAX_VALUES_SHOWN).map(formatParamValue).join(', ')}, ... (${p.values.length} distinct)`;
    lines.push(`  ${p.name.padEnd(width)}${shown}`);
  }
  if (fixed.length > 0) lines.push('fixed:');
  for (const p of fixed) lines.push(`  ${p.name.padEnd(width)}${formatParamValue(p.value)}`);
  return lines;
}

function shortList(items: readonly string[]): string {
  return items.length <= 12 ? items.join(', ') : `${items.slice(0, 12).join(', ')}, ...`;
}

export function describeCount(spec: SweepSpec, n: number): string {
  const trials = `${n} trial${n === 1 ? '' : 's'}`;
  if (spec.method === 'bayes' || spec.method === 'tpe') {
    return `${spec.run_cap} trials (${spec.method}: TPE, run_cap ${spec.run_cap}, random_seed ${spec.random_seed}); ` +
      `the first ${n} are random start-up trials, the others are proposed from their results`;
  }
  if (spec.method === 'random') {
    const short = spec.run_cap !== undefined && n < spec.run_cap ? `; only ${n} distinct points exist` : '';
    return `${trials} (random: run_cap ${spec.run_cap}, random_seed ${spec.random_seed}${short})`;
  }
  const full = gridSize(spec.parameters);
  return full > n ? `${trials} (grid of ${full}, capped by run_cap ${spec.run_cap})` : `${trials} (grid)`;
}

export function describeData(d: DataSpec): string {
  let source = '';
  if (d.generate?.distribution === 'normal') {
    const g = d.generate;
    source = `generate normal(mean ${g.mean}, std ${g.std}), ${g.rows} x ${g.cols}, seed ${g.seed}`;
  } else if (d.generate?.distribution === 'uniform') {
    const g = d.generate;
    source = `generate uniform(low ${g.low}, high ${g.high}), ${g.rows} x ${g.cols}, seed ${g.seed}`;
  } else {
    source = `file ${d.path}`;
  }
  const target = d.target === 'input' ? 'input (autoencoder)' : formatParamValue(d.target);
  const shape = d.input_shape !== undefined ? `; input_shape [${d.input_shape.join(', ')}]` : '';
  return `${source}; target ${target}${shape}; validation_split ${d.validation_split}${d.shuffle !== undefined ? `; shuffled (seed ${d.shuffle})` : ''}`;
}

export function describeModel(m: ModelSpec): string {
  if ('module' in m) return `module ${m.module}`;
  return m.layers.map(describeLayer).join(' -> ');
}

/** `dense(8, relu)`, `dropout(0.2)`, or a generic layer's type and written options: `conv2d(filters 8, kernel_size 3)`. */
function describeLayer(l: LayerSpec): string {
  if (isDenseLayer(l)) return `dense(${l.units}, ${l.activation})`;
  if (isDropoutLayer(l)) return `dropout(${l.rate})`;
  const { type, ...options } = l;
  return `${type}(${Object.entries(options).map(([k, v]) => `${k} ${formatParamValue(v)}`).join(', ')})`;
}
