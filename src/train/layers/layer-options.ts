import * as tf from '@tensorflow/tfjs';
import { isPlainObject } from '../../config/describe-value.js';
import { camelCase, looseName, snakeCase } from '../../config/layer-names.js';
import type { PathSegment } from '../../config/spec-issue.js';
import { didYouMean } from '../../config/suggest.js';
import { ACTIVATIONS, type Activation, type GenericLayerSpec, type ParamValue } from '../../config/types.js';
import { tfActivation } from '../activation-names.js';
import { LayerOptionError } from './layer-config-error.js';

/**
 * A generic layer's options as TensorFlow.js takes them: keys snake_case -> camelCase, and
 * values turned into what tf.layers expects by the option's kind, read off its name as
 * Keras and TensorFlow.js both name them:
 * - `*_initializer`: a name (`he_normal`, `orthogonal`) or {type: <name>, ...its options};
 *   names and types are tf.initializers' in snake_case (Keras's `lecun_normal` too);
 * - `*_regularizer`: {l1, l2} (either may be left out) or none;
 * - `*_constraint`: a name (`non_neg`, `max_norm`) or {type: <name>, ...its options};
 * - `activation`, `*_activation`: Keras's names (`hard_sigmoid` is TensorFlow.js's `hardSigmoid`);
 * - a mapping with a `type` (or a list of them): a nested layer (`bidirectional`'s `layer`,
 *   `rnn`'s `cell`), built by `nested` with its path;
 * - anything else as written (numbers, lists, words such as `same` or `channels_last`).
 * Initializers are seeded later, from the built layer's config (make-layer.ts). `at` is the
 * layer's path below its list item ([] for the item itself); errors are located below it.
 */
export function tfOptions(
  spec: GenericLayerSpec,
  at: PathSegment[],
  nested: (spec: GenericLayerSpec, path: PathSegment[]) => tf.layers.Layer,
): Record<string, unknown> {
  const args: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(spec)) {
    if (key === 'type') continue;
    const name = camelCase(key);
    const converted = convert(name, [...at, key], value, nested);
    if (converted !== undefined) args[name] = converted;
  }
  return args;
}

/** One option's value; `path` is where it is below the layer list's item, errors are located there. */
function convert(name: string, path: PathSegment[], value: ParamValue, nested: (spec: GenericLayerSpec, path: PathSegment[]) => tf.layers.Layer): unknown {
  if (/Initializer$/.test(name)) return value === null ? undefined : initializer(value, path);
  if (/Regularizer$/.test(name)) return regularizer(value, path);
  if (/Constraint$/.test(name)) return value === null || value === 'none' ? undefined : constraint(value, path);
  if (name === 'activation' || /Activation$/.test(name)) {
    if (value === null) return undefined;
    return typeof value === 'string' && (ACTIVATIONS as readonly string[]).includes(value) ? tfActivation(value as Activation) : value;
  }
  if (isLayerSpec(value)) return nested(value, path);
  if (Array.isArray(value) && value.length > 0 && value.every(isLayerSpec)) {
    return value.map((v, i) => nested(v as GenericLayerSpec, [...path, i]));
  }
  return value;
}

function isLayerSpec(v: unknown): v is GenericLayerSpec {
  return isPlainObject(v) && typeof v.type === 'string';
}

/** The tf namespace member whose name matches `word` with case and underscores ignored. */
function member(namespace: object, word: string): string | undefined {
  const loose = looseName(word);
  return Object.keys(namespace).find((k) => /^[a-z]/.test(k) && looseName(k) === loose);
}

/** A namespace's members in the spec's spelling (Keras's `lecun`, not `le_cun`). */
function spellings(namespace: object): string[] {
  return Object.keys(namespace).filter((k) => /^[a-z]/.test(k)).map((k) => snakeCase(k).replace(/^le_cun/, 'lecun')).sort();
}

/** {type, ...options} -> [member, camelCase options]; `what` names the kind in messages. */
function typedMapping(namespace: object, value: Record<string, unknown>, path: PathSegment[], what: string): [string, Record<string, unknown>] {
  const { type, ...options } = value;
  const names = spellings(namespace);
  const found = typeof type === 'string' ? member(namespace, type) : undefined;
  if (found === undefined) {
    const hint = typeof type === 'string' ? didYouMean(type, names) : '';
    throw new LayerOptionError([...path, 'type'], `unknown ${what} ${JSON.stringify(type)}${hint}; ${what}s: ${names.join(', ')}`);
  }
  const args: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(options)) args[camelCase(k)] = v;
  return [found, args];
}

/** Refuses options a built initializer or constraint does not report in its config (TensorFlow.js ignores them). */
function checkKnown(built: { getConfig(): object }, args: Record<string, unknown>, path: PathSegment[], what: string): void {
  const known = new Set([...Object.keys(built.getConfig()), 'seed']);
  const allowed = [...known].map(snakeCase).sort();
  for (const k of Object.keys(args)) {
    if (known.has(k)) continue;
    const key = snakeCase(k);
    throw new LayerOptionError([...path, key], `unknown option "${key}" for ${what}${didYouMean(key, allowed)}; its options: ${allowed.join(', ')}`, true);
  }
}

function initializer(value: ParamValue, path: PathSegment[]): unknown {
  const namespace = tf.initializers as unknown as Record<string, (a?: object) => { getConfig(): object }>;
  if (typeof value === 'string') {
    const found = member(namespace, value);
    if (found !== undefined) return found;
    const names = spellings(namespace);
    throw new LayerOptionError(path, `unknown initializer ${JSON.stringify(value)}${didYouMean(value, names)}; initializers: ${names.join(', ')}`);
  }
  if (isPlainObject(value)) {
    const [found, args] = typedMapping(namespace, value, path, 'initializer');
    const built = tryBuild(() => namespace[found](args), path);
    checkKnown(built, args, path, snakeCase(found));
    return built;
  }
  throw new LayerOptionError(path, `expected an initializer name such as glorot_uniform, or a mapping {type: <initializer>, ...its options}, got ${JSON.stringify(value)}`);
}

function regularizer(value: ParamValue, path: PathSegment[]): unknown {
  if (value === null || value === 'none') return undefined;
  if (isPlainObject(value) && Object.keys(value).length > 0 && Object.entries(value).every(([k, v]) => (k === 'l1' || k === 'l2') && typeof v === 'number' && v >= 0)) {
    return tf.regularizers.l1l2({ l1: (value.l1 as number | undefined) ?? 0, l2: (value.l2 as number | undefined) ?? 0 });
  }
  throw new LayerOptionError(path, `expected a mapping {l1, l2} of numbers >= 0 (either may be left out) or none, got ${JSON.stringify(value)}`);
}

function constraint(value: ParamValue, path: PathSegment[]): unknown {
  const namespace = tf.constraints as unknown as Record<string, (a?: object) => { getConfig(): object }>;
  if (typeof value === 'string') {
    const found = member(namespace, value);
    if (found !== undefined) return found;
    const names = spellings(namespace);
    throw new LayerOptionError(path, `unknown constraint ${JSON.stringify(value)}${didYouMean(value, names)}; constraints: ${names.join(', ')}`);
  }
  if (isPlainObject(value)) {
    const [found, args] = typedMapping(namespace, value, path, 'constraint');
    const built = tryBuild(() => namespace[found](args), path);
    checkKnown(built, args, path, snakeCase(found));
    return built;
  }
  throw new LayerOptionError(path, `expected a constraint name such as non_neg, or a mapping {type: <constraint>, ...its options}, got ${JSON.stringify(value)}`);
}

function tryBuild<T>(build: () => T, path: PathSegment[]): T {
  try {
    return build();
  } catch (e) {
    throw new LayerOptionError(path, (e instanceof Error ? e.message : String(e)).split('\n')[0]);
  }
}
