import * as tf from '@tensorflow/tfjs';
import { isGenericLayer, type GenericLayerSpec, type LayerSpec } from '../../config/types.js';
import { buildLayerModel } from '../build-model.js';
import { makeTrainableModel } from '../trainable-model.js';
import { LayerConfigError, LayerOptionError, type LayerIssue } from './layer-config-error.js';
import { explainTfMessage } from './layer-messages.js';
import { makeGenericLayer } from './make-layer.js';

export interface LayerListCheck {
  issues: LayerIssue[];
  /** The built model's output shape (batch axis null), when it built. */
  outputShape?: (number | null)[];
}

/** Rows of the probe batch: two, so a batch normalization has a variance to compute. */
const PROBE_ROWS = 2;

/**
 * Everything TensorFlow.js can tell about a layer list before training, on the current
 * backend (the preflight runs it on cpu), in three steps, each only if the one before
 * passed:
 * 1. every generic layer on its own: type, option names and values (every layer's
 *    problems at once);
 * 2. the whole list as the trainer builds it (buildLayerModel), rows shaped `inputShape`:
 *    each layer takes what the one before gives, no axis comes out empty;
 * 3. a batch of zeros through each layer, at inference and in training (what only fails
 *    when run, such as a reshape to the wrong size), then one gradient of the whole model
 *    as the trainer computes it.
 * `layers` must have `units: classes` resolved. Never throws for the spec's mistakes; the
 * model is disposed.
 */
export function checkLayerList(layers: LayerSpec[], nIn: number, inputShape: number[] | undefined, seed: number): LayerListCheck {
  const issues: LayerIssue[] = [];
  layers.forEach((l, i) => {
    if (!isGenericLayer(l)) return;
    try {
      makeGenericLayer(l as GenericLayerSpec, { seed, index: i, nIn });
    } catch (e) {
      if (!(e instanceof LayerOptionError)) throw e;
      issues.push({ layer: i, path: e.path, message: e.message, atKey: e.atKey });
    }
  });
  if (issues.length > 0) return { issues };
  let model: tf.Sequential;
  try {
    model = buildLayerModel(layers, nIn, seed, inputShape);
  } catch (e) {
    if (e instanceof LayerConfigError) return { issues: e.issues };
    throw e;
  }
  try {
    const run = runIssue(model, inputShape ?? [nIn]);
    return { issues: run === null ? [] : [run], outputShape: [...model.outputs[0].shape] };
  } finally {
    model.dispose();
  }
}

/** The first layer a probe batch fails in, or a failing gradient; null when all runs. */
function runIssue(model: tf.Sequential, inputShape: number[]): LayerIssue | null {
  let issue: LayerIssue | null = null;
  tf.tidy(() => {
    issue = probe(model, inputShape);
  });
  return issue;
}

function probe(model: tf.Sequential, inputShape: number[]): LayerIssue | null {
  for (const training of [false, true]) {
    let x: tf.Tensor = tf.zeros([PROBE_ROWS, ...inputShape]);
    for (let i = 0; i < model.layers.length; i++) {
      const layer = model.layers[i];
      try {
        x = layer.apply(x, { training }) as tf.Tensor;
      } catch (e) {
        const message = explainTfMessage(e instanceof Error ? e.message : String(e), layer.getClassName());
        return { layer: i, path: [], message: `fails when run${training ? ' in training' : ''}: ${message}` };
      }
    }
  }
  if (model.trainableWeights.length === 0) {
    return { layer: model.layers.length - 1, path: [], message: 'the model has no weights to train: add a layer with weights, such as dense' };
  }
  try {
    const tm = makeTrainableModel(model);
    const x = tf.zeros([PROBE_ROWS, tm.nIn]);
    tf.variableGrads(() => tf.sum(tm.forward(x, true, 0).output) as tf.Scalar, tm.variables);
  } catch (e) {
    return { layer: model.layers.length - 1, path: [], message: `the model cannot be trained: ${explainTfMessage(e instanceof Error ? e.message : String(e), 'it')}` };
  }
  return null;
}
