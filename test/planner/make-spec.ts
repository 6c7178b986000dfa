import { loadSpecText } from '../../src/config/load-spec.js';
import type { SweepSpec } from '../../src/config/types.js';

/** A validated spec from YAML text with a small generated dataset unless `data:` is given. */
export function makeSpec(yaml: string): SweepSpec {
  const data = /^data:/m.test(yaml) ? '' : 'data:\n  generate: {distribution: normal, mean: 1.1, std: 0.01, rows: 100, cols: 4, seed: 5}\n';
  const model = /^model:/m.test(yaml) ? '' : 'model:\n  layers: [{type: dense, units: input}]\n';
  const name = /^name:/m.test(yaml) ? '' : 'name: test\n';
  return loadSpecText(`${name}${data}${model}${yaml}`, 'test.yaml', '/specs').spec;
}
