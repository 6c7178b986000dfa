/** Tiny sweep specs for CLI tests: seconds to run on 2 cores. */

export function tinySpec(opts: {
  name?: string;
  rows?: number;
  epochs?: number | number[];
  extra?: string;
  model?: string;
  parameters?: string;
} = {}): string {
  const epochs = Array.isArray(opts.epochs) ? `{values: [${opts.epochs.join(', ')}]}` : `{value: ${opts.epochs ?? 3}}`;
  return `name: ${opts.name ?? 'tiny'}
metric: {name: val_r2, goal: maximize}
data:
  generate: {distribution: normal, mean: 1.1090579, std: 0.0012380764, rows: ${opts.rows ?? 400}, cols: 8, seed: 3}
  validation_split: 0.25
model:
${opts.model ?? '  layers:\n    - {type: dense, units: input}'}
parameters:
${opts.parameters ?? '  optimizer: {values: [sgd, adam]}\n  normalization: {values: [none, sample]}'}
  epochs: ${epochs}
  batch_size: {value: 16}
${opts.extra ?? ''}`;
}
