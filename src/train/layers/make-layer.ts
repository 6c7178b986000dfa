import type * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../../core/prng.js';
import { isPlainObject } from '../../config/describe-value.js';
import { camelCase, snakeCase } from '../../config/layer-names.js';
import type { PathSegment } from '../../config/spec-issue.js';
import { closestName, didYouMean } from '../../config/suggest.js';
import type { GenericLayerSpec } from '../../config/types.js';
import { LayerOptionError } from './layer-config-error.js';
import { explainTfMessage } from './layer-messages.js';
import { tfOptions } from './layer-options.js';
import { LAYER_TYPES, layerFactory, whyNotAType, type LayerFactory } from './layer-types.js';

/** Where a generic layer sits, for its name and its seeds. */
export interface LayerPlace {
  /** The trial's seed. */
  seed: number;
  /** Its top-level index in model.layers. */
  index: number;
  /** The data's input column count: the value of `units: input`. */
  nIn: number;
  /** Given to the first layer only: the shape of a row's inputs. */
  inputShape?: number[];
}

/**
 * Layer arguments tfsweep sets, never the spec: names (by position, so saved weight names
 * are stable), the input's shape (from the data: data.input_shape), and the dtype (float32).
 */
const SET_BY_TFSWEEP: Readonly<Record<string, string>> = {
  name: 'layers are named by their position (conv2d_0, lstm_1), so saved weights keep their names',
  input_shape: "the first layer's input shape comes from the data: set data.input_shape",
  batch_input_shape: "the first layer's input shape comes from the data: set data.input_shape",
  batch_size: 'the batch size is the batch_size knob',
  dtype: 'tfsweep trains in float32',
  input_dtype: 'tfsweep trains in float32',
  weights: 'weights start from the initializers (seeded by the trial seed)',
};

/**
 * Builds one generic layer of a spec (any tf.layers type but the top-level dense and
 * dropout) exactly as written, or throws a LayerOptionError located below the layer. It
 * guarantees:
 * - the type is a tf.layers function (layer-types.ts), cells only nested;
 * - every option is one the layer has: TensorFlow.js ignores names it does not know, so the
 *   built layer's getConfig() is the list of its options, and any other name is refused;
 * - every initializer (written or TensorFlow.js's default) is seeded from the trial seed,
 *   the layer's index and the option (`kernel`, `recurrent`, ...), as a dense layer's
 *   kernel and bias are: the same trial builds the same weights;
 * - a value TensorFlow.js refuses is reported at the option it concerns when that can be
 *   told (leaving the option out makes the error go away, or the message names it or its
 *   value), else at the layer, in the message's own words made the spec's.
 * Nested layers (`bidirectional`'s `layer`, `rnn`'s `cell`) are built the same way, named
 * and seeded below their parent.
 */
export function makeGenericLayer(spec: GenericLayerSpec, place: LayerPlace): tf.layers.Layer {
  return build(spec, place, [], `${spec.type}_${place.index}`);
}

function build(spec: GenericLayerSpec, place: LayerPlace, path: PathSegment[], name: string): tf.layers.Layer {
  const nested = path.length > 0;
  const why = whyNotAType(spec.type, nested);
  if (why !== undefined) throw new LayerOptionError([...path, 'type'], why);
  const factory = layerFactory(LAYER_TYPES.get(spec.type)!);
  for (const key of Object.keys(spec)) {
    const reason = SET_BY_TFSWEEP[key];
    if (reason !== undefined) throw new LayerOptionError([...path, key], `is set by tfsweep, not the spec: ${reason}`, true);
  }
  const written = withUnits(spec, place.nIn, path);
  const args = tfOptions(written, path, (inner, at) => build(inner, place, at, `${name}_${at.slice(path.length).join('_')}`));
  const reads = readsOf({ ...args, name });
  const probe = construct(factory, reads.args, written, path);
  const config = probe.getConfig() as Record<string, unknown>;
  checkOptions(written, Object.keys(config), reads.names(), path);
  const seeded: Record<string, unknown> = { ...args, name };
  for (const [key, value] of Object.entries(config)) {
    if (!/Initializer$/.test(key) || !isSerialized(value)) continue;
    const own = value.config.seed;
    const seed = own === null || own === undefined ? deriveSeed(place.seed, 'init', place.index, ...path.map(String), key.replace(/Initializer$/, '')) : own;
    seeded[key] = { className: value.className, config: { ...value.config, seed } };
  }
  if (!nested && place.inputShape !== undefined) seeded.inputShape = place.inputShape;
  return construct(factory, seeded, written, path);
}

/**
 * `units: input` is the data's input count; `units: classes` is resolved on the list's own
 * layers before they are built (resolveClassUnits), so here it is a nested layer's.
 */
function withUnits(spec: GenericLayerSpec, nIn: number, path: PathSegment[]): GenericLayerSpec {
  if (spec.units === 'classes') {
    throw new LayerOptionError([...path, 'units'], "units: classes works on the list's own layers, not inside a wrapper: write the class count");
  }
  return spec.units === 'input' ? { ...spec, units: nIn } : spec;
}

function isSerialized(v: unknown): v is { className: string; config: Record<string, unknown> } {
  return isPlainObject(v) && typeof v.className === 'string' && isPlainObject(v.config);
}

/**
 * The argument names a constructor reads, watched through a proxy: with the built layer's
 * getConfig() keys, the layer's options (a few, such as flatten's data_format, are read but
 * not reported in the config). A constructor that copies its arguments whole (reading every
 * name, asked or not) tells nothing: then the config alone counts.
 */
function readsOf(args: Record<string, unknown>): { args: Record<string, unknown>; names(): string[] } {
  const read = new Set<string>();
  let whole = false;
  const proxy = new Proxy(args, {
    get(target, key) {
      if (typeof key === 'string' && !(key in Object.prototype)) read.add(key);
      return Reflect.get(target, key);
    },
    ownKeys(target) {
      whole = true;
      return Reflect.ownKeys(target);
    },
  });
  return { args: proxy, names: () => (whole ? [] : [...read]) };
}

/**
 * What the spec wrote against the layer's options (camelCase names): its config keys and
 * the arguments its constructor reads (a few TensorFlow.js reads for its own purposes, such
 * as an lstm's `cell`, come along).
 */
function checkOptions(spec: GenericLayerSpec, configNames: readonly string[], readNames: readonly string[], path: PathSegment[]): void {
  const allowed = [...new Set([...configNames, ...readNames].map(snakeCase))].filter((k) => SET_BY_TFSWEEP[k] === undefined).sort();
  for (const key of Object.keys(spec)) {
    if (key === 'type' || allowed.includes(key)) continue;
    const spelled = snakeCase(key);
    const hint = spelled !== key && allowed.includes(spelled) ? ` (did you mean "${spelled}"?)` : didYouMean(key, allowed);
    throw new LayerOptionError([...path, key], `unknown option "${key}" for ${spec.type}${hint}; its options: ${allowed.join(', ')}`, true);
  }
}

/** The factory's layer, or a LayerOptionError at the option the failure concerns. */
function construct(factory: LayerFactory, args: Record<string, unknown>, spec: GenericLayerSpec, path: PathSegment[]): tf.layers.Layer {
  try {
    return factory(args);
  } catch (e) {
    if (e instanceof LayerOptionError) throw e;
    const raw = e instanceof Error ? e.message : String(e);
    const message = explainTfMessage(raw, spec.type);
    const missing = /^missing (\S+), which/.exec(message)?.[1];
    if (missing !== undefined) throw missingOption(factory, args, spec, path, missing, message);
    const key = culprit(factory, args, spec, raw);
    throw new LayerOptionError(key === undefined ? path : [...path, key], message);
  }
}

/**
 * A required option left out: at a written key that looks like its misspelling, else at
 * the layer; with the layer's options when a placeholder for the missing one lets it build.
 */
function missingOption(factory: LayerFactory, args: Record<string, unknown>, spec: GenericLayerSpec, path: PathSegment[], missing: string, message: string): LayerOptionError {
  let options = '';
  try {
    const config = factory({ ...args, [camelCase(missing)]: 1 }).getConfig();
    options = `; its options: ${Object.keys(config).map(snakeCase).filter((k) => SET_BY_TFSWEEP[k] === undefined).sort().join(', ')}`;
  } catch {
    // Not buildable even so: the message stands alone.
  }
  const typo = Object.keys(spec).find((k) => k !== 'type' && k !== missing && closestName(k, [missing]) !== undefined);
  if (typo !== undefined) return new LayerOptionError([...path, typo], `unknown option "${typo}" for ${spec.type} (did you mean "${missing}"?): ${message}${options}`, true);
  return new LayerOptionError(path, `${message}${options}`);
}

/**
 * The written option a construction error concerns: the one whose omission lets the layer
 * build, else the one whose value or name the message quotes; undefined if none.
 */
function culprit(factory: LayerFactory, args: Record<string, unknown>, spec: GenericLayerSpec, raw: string): string | undefined {
  const keys = Object.keys(spec).filter((k) => k !== 'type');
  for (const key of keys) {
    const { [camelCase(key)]: _omitted, ...rest } = args;
    try {
      factory(rest);
      return key;
    } catch {
      // Still failing without it: not this one.
    }
  }
  const words = new Set(raw.split(/[^A-Za-z0-9_.-]+/));
  const byValue = keys.find((k) => {
    const v = spec[k];
    return (typeof v === 'string' || typeof v === 'number') && words.has(String(v));
  });
  return byValue ?? keys.find((k) => words.has(camelCase(k)) || words.has(k) || raw.includes(`config.${camelCase(k)}`));
}
