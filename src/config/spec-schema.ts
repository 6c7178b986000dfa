import { z } from 'zod';
import { isPlainObject } from './describe-value.js';
import { KNOB_ITEM_SCHEMAS, MAX_SEED, TRAIN_KNOBS } from './knob-schemas.js';
import { DEFAULT_METRIC, METRIC_NAMES } from './metric-names.js';
import { methodSchema } from './methods.js';
import { PARAMETER_HELP, parameterSchema } from './parameter-schema.js';
import { bool, expecting, finiteNumber, fraction, literal, oneOf, positiveNumber, tagged, text, wholeNumber } from './schema-helpers.js';
import { DEFAULT_LEARNING_RATES, DEFAULT_WEIGHT_DECAY, KNOB_DEFAULTS } from './defaults.js';
import { formatParamValue } from './format-param.js';
import { ACTIVATIONS, INITIALIZERS, OWN_LAYER_TYPES, TASKS, type TrainKnob } from './types.js';
import { SNAKE_NAME, snakeCase } from './layer-names.js';
import { OTHER_OPTION } from './zod-issues.js';

/**
 * The sweep spec as users write it: the single schema behind validation, defaults and
 * the published JSON Schema (`tfsweep schema`). Objects are strict, so an unknown key is
 * an error. Checks that need more than one section, or the file system, live in
 * check-spec.ts, check-dotted.ts and check-sources.ts.
 */

export const NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
/** Most trials one sweep may plan: a grid beyond this is almost surely a typo. */
export const MAX_TRIALS = 100_000;
/** Most values `data.generate` may produce (200 MB as float32). */
export const MAX_GENERATED_VALUES = 50_000_000;
/** Keras's own default is 0, but every `val_*` metric needs validation rows. */
export const DEFAULT_VALIDATION_SPLIT = 0.3;
export const DATA_FILE_PATTERN = /\.(csv|npy|json)$/i;

const seed = () => wholeNumber(0, MAX_SEED);
const rows = () => wholeNumber(1, 100_000_000);
const cols = () => wholeNumber(1, 100_000);

const normalData = z.strictObject(
  {
    distribution: z.literal('normal'),
    mean: finiteNumber(),
    std: positiveNumber(),
    rows: rows(),
    cols: cols(),
    seed: seed().default(0),
  },
  expecting('a mapping {distribution: normal, mean, std, rows, cols, seed}'),
);

const uniformData = z
  .strictObject(
    {
      distribution: z.literal('uniform'),
      low: finiteNumber(),
      high: finiteNumber(),
      rows: rows(),
      cols: cols(),
      seed: seed().default(0),
    },
    expecting('a mapping {distribution: uniform, low, high, rows, cols, seed}'),
  )
  .superRefine((g, ctx) => {
    if (g.high <= g.low) ctx.addIssue({ code: 'custom', path: ['high'], message: `expected high > low (${g.low}), got ${g.high}` });
  });

export const generateSchema = tagged('distribution', ['normal', 'uniform'], [normalData, uniformData])
  .superRefine((g, ctx) => {
    const n = g.rows * g.cols;
    if (n > MAX_GENERATED_VALUES) {
      ctx.addIssue({ code: 'custom', path: ['rows'], message: `rows x cols = ${n} values, more than the limit of ${MAX_GENERATED_VALUES}` });
    }
  })
  .describe('Synthetic data: rows x cols values drawn from normal {mean, std} or uniform {low, high}, seeded.');

const targetSchema = z.union(
  [
    literal('input'),
    z
      .array(z.union([text().min(1), wholeNumber(0)], expecting('a column name or a 0-based column index')), expecting('a list of columns'))
      .min(1, { error: 'expected at least one column, got an empty list' }),
  ],
  expecting('input or a list of column names or 0-based indices', (v) =>
    (typeof v === 'string' && v.length > 0) || typeof v === 'number' ? `for one column, write [${v}]` : undefined),
);

export const dataSchema = z
  .strictObject(
    {
      generate: generateSchema.optional(),
      path: text('a file path')
        .regex(DATA_FILE_PATTERN, expecting('a .csv, .npy or .json file path'))
        .optional()
        .describe('A .csv (with a header row), .npy (float32/float64; 2-D, or more dimensions with the rows first) or .json (array of arrays) file, relative to the spec.'),
      target: targetSchema
        .default('input')
        .describe('input = autoencoder (predict the inputs); or the columns to predict, by name or 0-based index.'),
      validation_split: fraction(0, 1)
        .default(DEFAULT_VALIDATION_SPLIT)
        .describe('Keras semantics: the LAST fraction of the rows is validation data, no shuffle before the split (unless shuffle).'),
      classes: z
        .array(z.union([text().min(1), finiteNumber()], expecting('a class label (text or a number)')), expecting('a list of class labels'))
        .min(2, { error: 'expected at least two classes' })
        .optional()
        .describe('Classification: the class labels in the order you want them (default: the labels found, sorted).'),
      input_shape: z
        .array(wholeNumber(1, 1_000_000), expecting('a list of whole numbers >= 1, such as [8, 8, 1]'))
        .min(1, { error: 'expected at least one dimension' })
        .optional()
        .describe(
          'The shape of each row\'s inputs for the model, such as [8, 8, 1] (image rows) or [timesteps, features]: the input columns, ' +
            'in order, reshaped row by row (their count must equal the product). A .npy file of more than two dimensions gives it itself.',
        ),
      shuffle: z
        .union([bool(), wholeNumber(0, MAX_SEED)], expecting('true, false or a seed (a whole number >= 0)'))
        .default(false)
        .describe('Shuffle the rows (seeded; true = seed 0) once, before the validation split, so validation is a random sample. Default false: Keras validation_split semantics.'),
    },
    expecting('a mapping with generate or path'),
  )
  .superRefine(
    (d, ctx) => {
      const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (d.generate !== undefined && d.path !== undefined) add(['path'], 'give either generate or path, not both');
      if (d.generate === undefined && d.path === undefined) {
        add([], 'missing a data source: give generate (synthetic rows) or path (a .csv, .npy or .json file)');
      }
      if (!Array.isArray(d.target)) return;
      const seen = new Map<unknown, number>();
      const g = d.generate as unknown;
      d.target.forEach((t: unknown, i: number) => {
        const first = seen.get(t);
        if (first !== undefined) add(['target', i], `repeats target[${first}]`);
        seen.set(t, i);
        if (!isPlainObject(g) || typeof g.cols !== 'number') return;
        if (typeof t === 'string') add(['target', i], `generated data has no column names: expected a 0-based index, got ${JSON.stringify(t)}`);
        if (typeof t === 'number' && t >= g.cols) add(['target', i], `expected a column index below cols (${g.cols}), got ${t}`);
      });
    },
    { when: (payload) => isPlainObject(payload.value) },
  )
  .describe('Where the rows come from (generate or path), what to predict, and the validation split.');

const denseLayer = z.strictObject(
  {
    type: z.literal('dense'),
    units: z
      .union([wholeNumber(1, 1_000_000), literal('input'), literal('classes')], expecting('a whole number >= 1, input or classes'))
      .describe("Output width; `input` = the data's column count; `classes` = what a classifier's last layer needs."),
    activation: oneOf(ACTIVATIONS).default('linear'),
    use_bias: bool().default(true),
    kernel_initializer: oneOf(INITIALIZERS).default('glorot_uniform'),
    bias_initializer: oneOf(INITIALIZERS.filter((i) => i !== 'identity') as [string, ...string[]]).default('zeros'),
  },
  expecting('a mapping {type: dense, units, ...}'),
);

const dropoutLayer = z.strictObject({ type: z.literal('dropout'), rate: fraction(0, 1) }, expecting('a mapping {type: dropout, rate}'));

/**
 * Every other tf.layers layer: `type` in snake_case and its options as written. Only the
 * spelling is checked here (config cannot load TensorFlow.js); whether the type exists and
 * its options fit is checked when the sweep is planned (runner/preflight-layers.ts). A dense
 * or dropout layer is not for this option: its issue says so (OTHER_OPTION), so a mistake in
 * one is reported by the dense or dropout schema.
 */
const genericLayer = z
  .looseObject(
    {
      type: text('a layer type')
        .meta({ pattern: `^(?!(${OWN_LAYER_TYPES.join('|')})$)[a-z][a-z0-9]*(_[a-z0-9]+)*$` })
        .describe('A tf.layers layer in snake_case: conv2d, max_pooling2d, lstm, bidirectional, batch_normalization, ...'),
    },
    expecting('a mapping {type: <layer>, ...its options}'),
  )
  .superRefine((l, ctx) => {
    if ((OWN_LAYER_TYPES as readonly string[]).includes(l.type)) {
      // Aborting, so zod's union does not take this option for the only one that nearly fit.
      ctx.addIssue({ code: 'custom', path: ['type'], message: `${l.type} has its own schema`, params: { [OTHER_OPTION]: true }, continue: false });
      return;
    }
    if (!SNAKE_NAME.test(l.type)) {
      const snake = snakeCase(l.type);
      const hint = SNAKE_NAME.test(snake) ? ` (did you mean "${snake}"?)` : '';
      ctx.addIssue({ code: 'custom', path: ['type'], message: `expected a layer type in snake_case (a tf.layers name such as conv2d or max_pooling2d), got ${JSON.stringify(l.type)}${hint}` });
    }
    for (const key of Object.keys(l)) {
      if (key === 'type' || SNAKE_NAME.test(key)) continue;
      const snake = snakeCase(key);
      const hint = SNAKE_NAME.test(snake) && snake !== key ? ` (did you mean "${snake}"?)` : '';
      ctx.addIssue({ code: 'custom', path: [key], message: `expected an option name in snake_case, as Keras spells it, got ${JSON.stringify(key)}${hint}` });
    }
  })
  .describe(
    'Any other TensorFlow.js layer, Keras-style: {type: conv2d, filters: 8, kernel_size: 3}. Types and options are tf.layers\' in snake_case; ' +
      'they are checked against TensorFlow.js when the sweep is planned.',
  );

const layerSchema = z.union([tagged('type', ['dense', 'dropout'], [denseLayer, dropoutLayer]), genericLayer]);

export const modelSchema = z
  .strictObject(
    {
      layers: z
        .array(layerSchema, expecting('a list of layers'))
        .min(1, { error: 'expected at least one layer, got an empty list' })
        .optional()
        .describe(
          'Layers in order, Keras-style: dense {units, activation, use_bias, kernel_initializer, bias_initializer}, dropout {rate}, ' +
            'or any other tf.layers layer {type: conv2d, filters, kernel_size, ...} with its options in snake_case.',
        ),
      module: text('a path to a JavaScript module')
        .optional()
        .describe('Instead of layers: a module (relative to the spec) exporting build(params, tf).'),
    },
    expecting('a mapping with layers or module'),
  )
  .superRefine(
    (m, ctx) => {
      const add = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
      if (m.layers !== undefined && m.module !== undefined) add(['module'], 'give either layers or module, not both');
      if (m.layers === undefined && m.module === undefined) add([], 'missing the model: give layers (a list) or module (a JavaScript file)');
      if (Array.isArray(m.layers) && m.layers.length > 0 && m.layers.every((l: unknown) => isPlainObject(l) && l.type === 'dropout')) {
        add(['layers'], 'expected a layer with weights (dense, conv2d, lstm, ...), got only dropout');
      }
    },
    { when: (payload) => isPlainObject(payload.value) },
  );

export const metricSchema = z
  .strictObject(
    {
      name: oneOf(METRIC_NAMES),
      goal: oneOf(['maximize', 'minimize']).optional().describe('Default: maximize for val_r2, val_corr, identity_hits, diag_mean; minimize otherwise.'),
    },
    expecting('a mapping {name, goal}'),
  )
  .describe('The metric trials are ranked by.');

export const earlyTerminateSchema = z
  .strictObject(
    {
      type: literal('hyperband'),
      min_iter: wholeNumber(1).optional(),
      max_iter: wholeNumber(1).optional(),
      eta: wholeNumber(2).default(3),
      s: wholeNumber(1).optional(),
      strict: bool()
        .optional()
        .describe("W&B's option for its stricter stopping rule; accepted for compatibility, tfsweep's pruner has one rule (the top 1/eta of a rung go on)."),
    },
    expecting('a mapping {type: hyperband, min_iter or max_iter, eta, s, strict}'),
  )
  .superRefine((e, ctx) => {
    if (e.min_iter === undefined && e.max_iter === undefined) {
      ctx.addIssue({ code: 'custom', path: [], message: 'hyperband needs min_iter or max_iter' });
    }
    if (e.min_iter !== undefined && e.max_iter !== undefined && e.min_iter >= e.max_iter) {
      ctx.addIssue({ code: 'custom', path: ['max_iter'], message: `expected max_iter > min_iter (${e.min_iter}), got ${e.max_iter}` });
    }
  })
  .describe('Stop weak trials early (hyperband rungs over epochs).');

const knobParameters: Record<string, z.ZodType> = {};
for (const knob of TRAIN_KNOBS) knobParameters[knob] = parameterSchema(KNOB_ITEM_SCHEMAS[knob]).optional().describe(knobHelp(knob));

/** Editor hover text for a knob: its default, taken from the planner's defaults. */
function knobHelp(knob: TrainKnob): string {
  if (knob === 'learning_rate') {
    const rates = Object.entries(DEFAULT_LEARNING_RATES).map(([o, r]) => `${o} ${r}`);
    return `Default: the optimizer's Keras default (${rates.join(', ')}). ${PARAMETER_HELP}`;
  }
  if (knob === 'label_smoothing') return `Classification only. Default: 0. ${PARAMETER_HELP}`;
  if (knob === 'loss') return `Default: mse (regression), categorical_crossentropy (classification). ${PARAMETER_HELP}`;
  if (knob === 'weight_decay') {
    const own = Object.entries(DEFAULT_WEIGHT_DECAY).map(([o, d]) => `${o} ${d}`);
    return `Decoupled weight decay (w -= learning_rate * weight_decay * w before each update), any optimizer. Default: 0 = off (${own.join(', ')}). ${PARAMETER_HELP}`;
  }
  return `Default: ${formatParamValue(KNOB_DEFAULTS[knob])}. ${PARAMETER_HELP}`;
}

/**
 * Training knobs by name; any other key must be a dotted path into model/data. The
 * catchall accepts such keys here; check-spec.ts refuses the ones that are neither, and
 * json-schema.ts narrows the published schema to the `model.` / `data.` prefixes.
 */
export const parametersSchema = z
  .object(knobParameters, expecting('a mapping from parameter names to {value | values | distribution}'))
  .catchall(parameterSchema(z.unknown()))
  .describe('Each key is a training knob or a dotted path into model/data (model.layers.0.activation, data.validation_split).');

/**
 * Top-level keys of a W&B sweep configuration that mean nothing to tfsweep, which trains in
 * process and keeps its own database: accepted with W&B's types so a pasted configuration
 * loads, and ignored with one warning (load-spec.ts). Any other unknown key is an error.
 */
const wandbOnly = (what: string) => `W&B only, ignored by tfsweep: ${what}.`;
export const WANDB_ONLY_KEYS = {
  program: text('a script name').optional().describe(wandbOnly('the training script an agent launches')),
  command: z.array(z.unknown(), expecting('a list (the command line an agent runs)')).optional().describe(wandbOnly('the command line an agent runs')),
  project: text('a project name').optional().describe(wandbOnly('the W&B project')),
  entity: text('an entity name').optional().describe(wandbOnly('the W&B entity (user or team)')),
};

export const specSchema = z.strictObject(
  {
    name: text('a name matching [a-z0-9][a-z0-9._-]*')
      .regex(NAME_PATTERN, expecting('a name matching [a-z0-9][a-z0-9._-]*'))
      .max(64, expecting('a name of at most 64 characters'))
      .describe('Names the sweep in the results database: [a-z0-9][a-z0-9._-]*'),
    description: text().optional(),
    task: oneOf(TASKS)
      .optional()
      .describe('regression (predict numbers) or classification (predict a class label). Default: inferred from the loss, the metric, data.classes or text labels.'),
    method: methodSchema().default('grid').describe('grid: every combination; random: run_cap seeded draws. (W&B\'s bayes is not available yet.)'),
    run_cap: wholeNumber(1, MAX_TRIALS).optional().describe('random: how many trials to draw; grid: an optional upper bound.'),
    random_seed: seed().default(0).describe("Seeds the random method's sampling."),
    metric: metricSchema.optional().describe(`The metric trials are ranked by. Default: ${DEFAULT_METRIC} (regression), val_accuracy (classification).`),
    data: dataSchema,
    model: modelSchema.describe('The network: a list of layers, or a module exporting build(params, tf).'),
    // prefault: a default given as input, kept in the JSON Schema although a knob transforms (optimizer spellings).
    parameters: parametersSchema.prefault({}),
    knobs: z
      .strictObject(Object.fromEntries(TRAIN_KNOBS.map((k) => [k, text('a parameter name').optional()])), expecting('a mapping from training knobs to parameter names'))
      .optional()
      .describe('Which parameter drives a training knob, when its name does not say: {learning_rate: my_lr}.'),
    early_terminate: earlyTerminateSchema.optional(),
    ...WANDB_ONLY_KEYS,
  },
  expecting('a mapping with name, data, model and parameters'),
);

export type RawSpec = z.output<typeof specSchema>;
export type RawData = z.output<typeof dataSchema>;
export type RawModel = z.output<typeof modelSchema>;
