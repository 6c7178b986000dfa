import * as tf from '@tensorflow/tfjs';
import { snakeCase } from '../../config/layer-names.js';
import { closestName } from '../../config/suggest.js';

/**
 * The layer types a spec may name, derived from the `tf.layers` namespace itself: every
 * factory function (camelCase, lowercase first letter) under its snake_case name
 * (`conv2d`, `max_pooling2d`, `conv2d_transpose`, `simple_rnn`, `re_lu`). Nothing here is
 * written per layer: a layer TensorFlow.js adds is a type the day its package is updated.
 * Aliases stay aliases (`max_pool2d` and `max_pooling2d` build the same class).
 *
 * Two groups are set apart, by rule rather than by layer:
 * - cells (`lstm_cell`, `stacked_rnn_cells`: factories ending in Cell or Cells) run inside
 *   a recurrent layer, so they are types only where a layer is nested (`{type: rnn, cell:
 *   {type: lstm_cell, units: 8}}`);
 * - the few functions that cannot be a link of a chain (the input, and the merges, which
 *   take several inputs) are refused with the reason.
 */

export type LayerFactory = (args: Record<string, unknown>) => tf.layers.Layer;

export interface LayerType {
  /** The spec's name: snake_case. */
  type: string;
  /** The tf.layers function. */
  factory: string;
  /** A recurrent cell: only nested in an rnn layer. */
  cell: boolean;
}

const MERGE = 'merges several inputs, and a layer list is one chain: write the model as a module (model.module) for branches';
const INPUT = "is the model's input, which tfsweep makes from the data (data.input_shape gives its shape)";

/** tf.layers functions that cannot be a link of a layer list, by factory name, with the reason. */
const NOT_A_LINK: Readonly<Record<string, string>> = {
  input: INPUT,
  inputLayer: INPUT,
  add: MERGE,
  average: MERGE,
  concatenate: MERGE,
  dot: MERGE,
  maximum: MERGE,
  minimum: MERGE,
  multiply: MERGE,
};

function derive(): { types: Map<string, LayerType>; refused: Map<string, string> } {
  const types = new Map<string, LayerType>();
  const refused = new Map<string, string>();
  const namespace = tf.layers as unknown as Record<string, unknown>;
  for (const factory of Object.keys(namespace).sort()) {
    if (!/^[a-z]/.test(factory) || typeof namespace[factory] !== 'function') continue;
    const type = snakeCase(factory);
    const reason = NOT_A_LINK[factory];
    if (reason !== undefined) refused.set(type, reason);
    else types.set(type, { type, factory, cell: /Cells?$/.test(factory) });
  }
  return { types, refused };
}

const DERIVED = derive();

/** Every type by its spec name, cells included. */
export const LAYER_TYPES: ReadonlyMap<string, LayerType> = DERIVED.types;

/** The types a layer list may hold at its top level (no cells), sorted. */
export function listLayerTypes(): string[] {
  return [...LAYER_TYPES.values()].filter((t) => !t.cell).map((t) => t.type).sort();
}

/** The tf.layers function of a type. */
export function layerFactory(t: LayerType): LayerFactory {
  return (tf.layers as unknown as Record<string, LayerFactory>)[t.factory];
}

/**
 * Why a name is not a type here, in words: a refused function's reason, a cell outside an
 * rnn layer, or an unknown name with the closest types. Undefined when it is one.
 */
export function whyNotAType(type: string, nested: boolean): string | undefined {
  const known = LAYER_TYPES.get(type);
  if (known !== undefined) {
    return known.cell && !nested ? `${type} is a recurrent cell: use it inside an rnn layer, as {type: rnn, cell: {type: ${type}, ...}}` : undefined;
  }
  const refused = DERIVED.refused.get(type);
  if (refused !== undefined) return `${type} ${refused}`;
  const names = nested ? [...LAYER_TYPES.keys()] : listLayerTypes();
  const best = closestName(type, names);
  const near = nearestTypes(type, names, 6);
  return `unknown layer type "${type}"${best !== undefined ? ` (did you mean "${best}"?)` : ''}; ` +
    `types are the tf.layers functions in snake_case (${names.length} of them, such as ${near.join(', ')}; README: "Layers")`;
}

/** The `n` types that share the longest start with `type` (then alphabetical): a short, relevant sample. */
function nearestTypes(type: string, names: readonly string[], n: number): string[] {
  const shared = (name: string) => {
    let k = 0;
    while (k < name.length && k < type.length && name[k] === type[k]) k++;
    return k;
  };
  return [...names].sort((a, b) => shared(b) - shared(a) || (a < b ? -1 : a > b ? 1 : 0)).slice(0, n);
}
