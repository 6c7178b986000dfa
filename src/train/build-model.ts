import * as tf from '@tensorflow/tfjs';
import { deriveSeed } from '../core/prng.js';
import type { Activation, LayerSpec } from '../config/types.js';
import { makeInitializer } from './initializers.js';

/** A dense layer's width: `input` is the data's input count; `classes` must be resolved before (resolveClassUnits). */
export function unitsOf(units: number | 'input' | 'classes', nIn: number): number {
  if (units === 'classes') throw new Error('units: classes must be resolved first (resolveClassUnits)');
  return units === 'input' ? nIn : units;
}

/** The layer list with `units: classes` replaced by `width` (a classifier's output width). */
export function resolveClassUnits(layers: readonly LayerSpec[], width: number): LayerSpec[] {
  return layers.map((l) => (l.type === 'dense' && l.units === 'classes' ? { ...l, units: width } : l));
}

/**
 * Builds a spec's layer list as a tf.Sequential with Keras's defaults. Layers are named
 * by their position (`dense_0`, `dropout_1`: the index of `model.layers.N` in the spec),
 * so saved weight names are stable. Each layer's initializers are seeded from the trial
 * seed and the layer's position. `identity` on a non-square kernel is Keras's eye(in, out).
 */
export function buildLayerModel(layers: LayerSpec[], nIn: number, seed: number): tf.Sequential {
  if (layers.some((l) => l.type === 'dense' && l.units === 'classes')) throw new Error('units: classes must be resolved first (resolveClassUnits)');
  if (layers.length === 0) throw new Error('the model has no layers');
  const model = tf.sequential({ name: 'tfsweep_model' });
  let width = nIn;
  const eyes: { layer: number; rows: number; cols: number }[] = [];
  layers.forEach((spec, i) => {
    const inputShape = i === 0 ? [nIn] : undefined;
    if (spec.type === 'dropout') {
      model.add(tf.layers.dropout({ name: `dropout_${i}`, rate: spec.rate, inputShape }));
      return;
    }
    const units = unitsOf(spec.units, nIn);
    const nonSquareEye = spec.kernel_initializer === 'identity' && units !== width;
    if (nonSquareEye) eyes.push({ layer: i, rows: width, cols: units });
    model.add(tf.layers.dense({
      name: `dense_${i}`,
      units,
      activation: tfActivation(spec.activation),
      useBias: spec.use_bias,
      kernelInitializer: nonSquareEye ? 'zeros' : makeInitializer(spec.kernel_initializer, deriveSeed(seed, 'init', i, 'kernel')),
      biasInitializer: makeInitializer(spec.bias_initializer, deriveSeed(seed, 'init', i, 'bias')),
      inputShape,
    }));
    width = units;
  });
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

type TfActivation = NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>;

/** Spec (Keras) activation names as TensorFlow.js spells them. */
export function tfActivation(name: Activation): TfActivation {
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}
