import type { NormalDistribution, RangeDistribution } from './distributions.js';

/**
 * The normalized sweep spec: what the loader hands to the planner after YAML parsing,
 * schema validation and default filling. Every field here is already checked; nothing
 * downstream re-validates it. Names match the YAML keys (a contract with users' files).
 */

/**
 * Canonical optimizer names, as stored and hashed. `momentum` is SGD with momentum, `nag`
 * SGD with Nesterov momentum (Keras's SGD(nesterov=True)); the others are Keras's classes.
 */
export const OPTIMIZERS = ['sgd', 'momentum', 'adam', 'adamax', 'adagrad', 'adadelta', 'rmsprop', 'nag', 'nadam', 'adamw', 'lion', 'ftrl'] as const;
export type Optimizer = (typeof OPTIMIZERS)[number];

/**
 * Keras's class names for the optimizers above (and PyTorch's `NAdam`). A spec may spell an
 * optimizer in any letter case, as `keras.optimizers.get` matches class names; the loader
 * stores the canonical lowercase name. These are the spellings the JSON Schema lists.
 */
export const OPTIMIZER_SPELLINGS = ['SGD', 'Adam', 'Adamax', 'Adagrad', 'Adadelta', 'RMSprop', 'Nadam', 'NAdam', 'AdamW', 'Lion', 'Ftrl'] as const;


/** What a sweep's model predicts: numbers (regression) or class labels (classification). */
export const TASKS = ['regression', 'classification'] as const;
export type TaskName = (typeof TASKS)[number];

export const REGRESSION_LOSSES = ['mse', 'mae', 'huber', 'log_cosh'] as const;
/** Keras's names and semantics; categorical_crossentropy takes integer or string labels (Keras's sparse form). */
export const CLASSIFICATION_LOSSES = ['categorical_crossentropy', 'binary_crossentropy', 'categorical_hinge'] as const;
export const LOSSES = [...REGRESSION_LOSSES, ...CLASSIFICATION_LOSSES] as const;
export type Loss = (typeof LOSSES)[number];

/** The task each loss trains for. */
export function taskOfLoss(loss: string): TaskName | undefined {
  if ((REGRESSION_LOSSES as readonly string[]).includes(loss)) return 'regression';
  if ((CLASSIFICATION_LOSSES as readonly string[]).includes(loss)) return 'classification';
  return undefined;
}

export const NORMALIZATIONS = ['none', 'sample', 'feature', 'minmax', 'global'] as const;
export type Normalization = (typeof NORMALIZATIONS)[number];

export const ACTIVATIONS = [
  'linear', 'relu', 'relu6', 'tanh', 'sigmoid', 'hard_sigmoid', 'elu', 'selu', 'softplus', 'softsign', 'swish', 'gelu', 'softmax',
] as const;
export type Activation = (typeof ACTIVATIONS)[number];

export const INITIALIZERS = [
  'glorot_uniform', 'glorot_normal', 'he_normal', 'he_uniform', 'lecun_normal', 'lecun_uniform',
  'zeros', 'ones', 'identity', 'random_normal', 'random_uniform',
] as const;
export type Initializer = (typeof INITIALIZERS)[number];

/** `none` in YAML becomes null. At least one of l1 / l2 is present otherwise. */
export type Regularizer = null | { l1?: number; l2?: number };

export interface DenseLayerSpec {
  type: 'dense';
  /**
   * A positive integer; `input`: the data's input column count; `classes`: the output
   * width a classifier needs (the class count, or 1 with binary_crossentropy).
   */
  units: number | 'input' | 'classes';
  activation: Activation;
  use_bias: boolean;
  kernel_initializer: Initializer;
  bias_initializer: Initializer;
}
export interface DropoutLayerSpec {
  type: 'dropout';
  rate: number;
}
/**
 * Any other TensorFlow.js layer, as written: `type` is a `tf.layers` factory in snake_case
 * (`conv2d`, `max_pooling2d`, `lstm`), every other key one of its options in snake_case
 * (`kernel_size`), with the value given (a nested layer is a mapping with its own `type`).
 * The loader only checks the shape; the option names and values are TensorFlow.js's to
 * judge, at plan time (runner/preflight-layers.ts). Never dense or dropout, which have
 * their own schema and defaults.
 */
export interface GenericLayerSpec {
  type: string;
  [option: string]: ParamValue;
}
export type LayerSpec = DenseLayerSpec | DropoutLayerSpec | GenericLayerSpec;

/** The layer types with their own schema, defaults and fused engines. */
export const OWN_LAYER_TYPES = ['dense', 'dropout'] as const;

export function isDenseLayer(l: LayerSpec): l is DenseLayerSpec {
  return l.type === 'dense';
}

export function isDropoutLayer(l: LayerSpec): l is DropoutLayerSpec {
  return l.type === 'dropout';
}

/** Any layer but dense and dropout: built through the generic tf.layers path. */
export function isGenericLayer(l: LayerSpec): l is GenericLayerSpec {
  return !(OWN_LAYER_TYPES as readonly string[]).includes(l.type);
}

/**
 * Either a layer list, or a user module (absolute path) exporting `build(params, tf)`;
 * `module_sha256` is the module file's content hash (part of every trial key).
 */
export type ModelSpec = { layers: LayerSpec[] } | { module: string; module_sha256?: string };

export type GenerateSpec =
  | { distribution: 'normal'; mean: number; std: number; rows: number; cols: number; seed: number }
  | { distribution: 'uniform'; low: number; high: number; rows: number; cols: number; seed: number };

export interface DataSpec {
  /** Exactly one of generate / path. `path` is absolute (resolved against the spec's folder). */
  generate?: GenerateSpec;
  path?: string;
  /** `input` = autoencoder; otherwise the target columns by name or 0-based index. */
  target: 'input' | (string | number)[];
  /** Keras semantics: the LAST fraction of the rows is validation, no shuffle before. */
  validation_split: number;
  /** When set: the rows are shuffled once with this seed before the split (data.shuffle). */
  shuffle?: number;
  /** Classification: the single target column holds class labels (absent for regression, so its keys stay). */
  labels?: true;
  /** Classification: the class order the spec fixes (data.classes), as text. */
  classes?: string[];
  /**
   * The shape of each row's inputs as the model sees them (data.input_shape: [8, 8, 1],
   * [timesteps, features]): the flat input columns, in order, reshaped row by row. Its
   * product equals the input column count. Absent when not given, so older keys stay.
   */
  input_shape?: number[];
}

/** Every training knob, resolved. The defaults live in config/defaults.ts. */
export interface TrainParams {
  optimizer: Optimizer;
  learning_rate: number;
  momentum: number;
  epochs: number;
  batch_size: number;
  loss: Loss;
  normalization: Normalization;
  activity_regularizer: Regularizer;
  kernel_regularizer: Regularizer;
  seed: number;
  early_stopping_patience: number | null;
  /**
   * Decoupled weight decay, Keras 3's `weight_decay` of every optimizer: before each update
   * every trainable variable becomes w - learning_rate * weight_decay * w. 0 = off.
   */
  weight_decay: number;

  /** Classification only (Keras's label_smoothing); absent from regression trials, so their keys stay. */
  label_smoothing?: number;
}
export type TrainKnob = keyof TrainParams;

/** A scalar, a list, or a small object (regularizers): whatever YAML gave for one value. */
export type ParamValue = null | boolean | number | string | ParamValue[] | { [k: string]: ParamValue };

/**
 * One normalized `parameters` entry. `probabilities` (random only) weight `values` and sum
 * to 1 within W&B's tolerance. A quantized distribution always has `q` (default 1); a
 * normal one always has `mu` and `sigma` (defaults 0 and 1). `{min, max}` written without
 * a distribution arrives here with the distribution W&B infers (int_uniform or uniform).
 */
export type ParameterSpec =
  | { kind: 'value'; value: ParamValue }
  | { kind: 'values'; values: ParamValue[]; probabilities?: number[] }
  | { kind: 'distribution'; distribution: RangeDistribution; min: number; max: number; q?: number }
  | { kind: 'normal'; distribution: NormalDistribution; mu: number; sigma: number; q?: number }
  | { kind: 'categorical'; values: ParamValue[]; probabilities?: number[] };

export interface EarlyTerminateSpec {
  type: 'hyperband';
  min_iter?: number;
  max_iter?: number;
  eta: number;
  s?: number;
  /** W&B's hyperband option (its stricter stopping rule); accepted and kept, not used by tfsweep's pruner. */
  strict?: boolean;
}

export interface SweepSpec {
  name: string;
  /** Present only for classification (regression is the default, and its specs keep their hashes). */
  task?: 'classification';
  description?: string;
  /** bayes and tpe: the same Tree-structured Parzen Estimator (search/tpe-sampler.ts). */
  method: 'grid' | 'random' | 'bayes' | 'tpe';
  run_cap?: number;
  random_seed: number;
  metric: { name: string; goal: 'maximize' | 'minimize' };
  data: DataSpec;
  model: ModelSpec;
  /**
   * Keys are training knobs, dotted paths into model/data (`model.layers.0.activation`),
   * or free-form names (a module's own, an alias of a knob, a `${name}` reference).
   */
  parameters: Record<string, ParameterSpec>;
  /** Free-form parameters that drive a training knob (`lr` -> learning_rate); absent when none. */
  knobs?: Record<string, TrainKnob>;
  /** Where each referenced parameter's value goes in the layer list (`${hidden}`); absent when none. */
  references?: Record<string, (string | number)[][]>;
  early_terminate?: EarlyTerminateSpec;
}

/** Where a spec came from: its file and exact text, so a sweep can be resumed or refused. */
export interface SpecSource {
  /** Path as the user gave it (used in messages). */
  file: string;
  /** Absolute folder the spec's relative paths resolve against. */
  dir: string;
  yaml: string;
  /** sha256 of the normalized spec (not the raw text: comments do not change it). */
  hash: string;
}

export interface LoadedSpec {
  spec: SweepSpec;
  source: SpecSource;
  /**
   * Lines to show the user (stderr) about a spec that loaded: keys accepted but ignored,
   * and the like. Each is `file:line:col  path: warning: message`. Optional so that a
   * LoadedSpec built by hand needs none.
   */
  warnings?: string[];
}
