import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../core/prng.js';
import { isDenseLayer, isDropoutLayer, isGenericLayer, type GenericLayerSpec, type LayerSpec } from '../config/types.js';
import { tfActivation } from './activation-names.js';
import { makeInitializer } from './initializers.js';
import { LayerConfigError, LayerOptionError } from './layers/layer-config-error.js';
import { explainIncompatible, explainTfMessage } from './layers/layer-messages.js';
import { makeGenericLayer } from './layers/make-layer.js';

/** A dense layer's width: `input` is the data's input count; `classes` must be resolved before (resolveClassUnits). */
export function unitsOf(units: number | 'input' | 'classes', nIn: number): number {
  if (units === 'classes') throw new Error('units: classes must be resolved first (resolveClassUnits)');
  return units === 'input' ? nIn : units;
}

/** The layer list with `units: classes` replaced by `width` (a classifier's output width), on any layer type. */
export function resolveClassUnits(layers: readonly LayerSpec[], width: number): LayerSpec[] {
  return layers.map((l) => (unitsClasses(l) ? ({ ...l, units: width } as LayerSpec) : l));
}

function unitsClasses(l: LayerSpec): boolean {
  return (l as { units?: unknown }).units === 'classes';
}

/**
 * Builds a spec's layer list as a tf.Sequential with Keras's defaults. Layers are named
 * by their position (`dense_0`, `dropout_1`, `conv2d_2`: the index of `model.layers.N` in
 * the spec), so saved weight names are stable. Each layer's initializers are seeded from
 * the trial seed and the layer's position. `identity` on a non-square dense kernel is
 * Keras's eye(in, out). Dense and dropout layers are built as they always were; any other
 * type goes through the generic path (layers/make-layer.ts), which throws a
 * LayerConfigError located at the layer for a spec TensorFlow.js refuses, as does a layer
 * that does not fit the one before it. `inputShape` is the shape of a row's inputs
 * (default [nIn]: flat rows).
 */
export function buildLayerModel(layers: LayerSpec[], nIn: number, seed: number, inputShape: number[] = [nIn]): tf.Sequential {
  if (layers.some(unitsClasses)) throw new Error('units: classes must be resolved first (resolveClassUnits)');
  if (layers.length === 0) throw new Error('the model has no layers');
  const model = tf.sequential({ name: 'tfsweep_model' });
  const eyes: { layer: number; rows: number; cols: number }[] = [];
  try {
    layers.forEach((spec, i) => {
      const first = i === 0 ? inputShape : undefined;
      const received = i === 0 ? [null, ...inputShape] : model.outputs[0].shape;
      let layer: tf.layers.Layer;
      if (isDropoutLayer(spec)) {
        layer = tf.layers.dropout({ name: `dropout_${i}`, rate: spec.rate, inputShape: first });
      } else if (isDenseLayer(spec)) {
        const units = unitsOf(spec.units, nIn);
        const width = received[received.length - 1] ?? units;
        const nonSquareEye = spec.kernel_initializer === 'identity' && units !== width;
        if (nonSquareEye) eyes.push({ layer: i, rows: width, cols: units });
        layer = tf.layers.dense({
          name: `dense_${i}`,
          units,
          activation: tfActivation(spec.activation),
          useBias: spec.use_bias,
          kernelInitializer: nonSquareEye ? 'zeros' : makeInitializer(spec.kernel_initializer, deriveSeed(seed, 'init', i, 'kernel')),
          biasInitializer: makeInitializer(spec.bias_initializer, deriveSeed(seed, 'init', i, 'bias')),
          inputShape: first,
        });
      } else {
        layer = atLayer(i, () => makeGenericLayer(spec as GenericLayerSpec, { seed, index: i, nIn, inputShape: first }));
      }
      addLayer(model, layer, i, received, inputShape.length > 1, isGenericLayer(spec) ? Object.keys(spec) : []);
    });
  } catch (e) {
    model.dispose();
    throw e;
  }
  for (const e of eyes) {
    const layer = model.layers[e.layer];
    // getWeights() returns the layer's own variables: they must not be disposed here.
    const [, ...rest] = layer.getWeights();
    const eye = tf.eye(e.rows, e.cols);
    layer.setWeights([eye, ...rest]);
    eye.dispose();
  }
  return model;
}

/** A LayerOptionError of layer `index` as a LayerConfigError located in model.layers. */
function atLayer<T>(index: number, f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof LayerOptionError) throw new LayerConfigError([{ layer: index, path: e.path, message: e.message, atKey: e.atKey }]);
    throw e;
  }
}

/**
 * Adds a layer, refusing one that does not fit the inputs it receives, or whose outputs
 * would have an empty or endless axis (a kernel larger than its input, strides of 0: both
 * of which TensorFlow.js accepts when it builds the model).
 */
function addLayer(model: tf.Sequential, layer: tf.layers.Layer, index: number, received: readonly (number | null)[], shaped: boolean, options: string[]): void {
  try {
    model.add(layer);
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    if (/is incompatible with layer/.test(message)) {
      throw new LayerConfigError([{ layer: index, path: [], message: explainIncompatible(message, received, index === 0, shaped) }]);
    }
    const text = `${explainTfMessage(message, layer.getClassName())} (inputs of shape [${received.map((d) => d ?? 'batch').join(', ')}])`;
    const named = namedOption(message, options);
    throw new LayerConfigError([{ layer: index, path: named === undefined ? [] : [named], message: text }]);
  }
  const out = model.outputs[0].shape;
  if (out.slice(1).some((d) => d === null || !(Number.isFinite(d) && d >= 1))) {
    const shape = (d: number | null) => (d === null ? 'batch' : String(d));
    throw new LayerConfigError([{
      layer: index,
      path: [],
      message: `its outputs would have shape [${out.map(shape).join(', ')}] for inputs of shape [${received.map(shape).join(', ')}]: ` +
        'a kernel, pool or crop larger than its input, or strides below 1',
    }]);
  }
}

/** The written option a message speaks of (`activity regularizer`, `stateful`), the longest if several. */
function namedOption(message: string, options: readonly string[]): string | undefined {
  const text = message.toLowerCase();
  return options
    .filter((k) => k !== 'type' && (text.includes(k.replace(/_/g, ' ')) || text.includes(k.replace(/_/g, ''))))
    .sort((a, b) => b.length - a.length)[0];
}

export { tfActivation } from './activation-names.js';
