import { isTrainKnob } from './knob-schemas.js';
import type { TrainKnob } from './types.js';

/**
 * Spellings of training knobs that real W&B configs use for their own training scripts.
 * A parameter named one of these drives the knob (and keeps its own name in the trial's
 * parameters, so a module that reads `params.lr` still finds it).
 */
export const KNOB_ALIASES: Readonly<Record<string, TrainKnob>> = {
  lr: 'learning_rate',
  'learning-rate': 'learning_rate',
  learningrate: 'learning_rate',
  num_epochs: 'epochs',
  'num-epochs': 'epochs',
  n_epochs: 'epochs',
  epoch: 'epochs',
  max_epochs: 'epochs',
  'batch-size': 'batch_size',
  batchsize: 'batch_size',
  bs: 'batch_size',
  'optimizer-name': 'optimizer',
  optimizer_name: 'optimizer',
  opt: 'optimizer',
  'weight-decay': 'weight_decay',
  wd: 'weight_decay',
  'label-smoothing': 'label_smoothing',
};

/** Letters, digits, `_`, `-` and `.`, starting with a letter or `_`: what a free-form parameter name may be. */
export const PARAMETER_NAME = /^[A-Za-z_][A-Za-z0-9_.-]*$/;

/**
 * The knob each parameter drives: a knob's own name, an alias, or what `knobs:` (knob ->
 * parameter name) says. `explicit` wins over an alias. Parameters driving no knob are
 * absent from the map.
 */
export function knobsOfParameters(names: readonly string[], explicit: Readonly<Record<string, string>> = {}): Map<string, TrainKnob> {
  const out = new Map<string, TrainKnob>();
  const named = new Map(Object.entries(explicit).map(([knob, param]) => [param, knob]));
  for (const name of names) {
    const viaKnobs = named.get(name);
    if (viaKnobs !== undefined && isTrainKnob(viaKnobs)) out.set(name, viaKnobs);
    else if (isTrainKnob(name)) out.set(name, name);
    else if (Object.prototype.hasOwnProperty.call(KNOB_ALIASES, name)) out.set(name, KNOB_ALIASES[name]);
  }
  return out;
}
