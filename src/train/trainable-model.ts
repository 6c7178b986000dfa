import * as tf from '@tensorflow/tfjs';
import { noiseStep } from './noise-steps.js';

/** A forward pass's result: the model's output and each dense layer's output (for activity penalties). */
export interface ForwardOutput {
  output: tf.Tensor;
  activations: tf.Tensor[];
}

/**
 * What the training step needs from a model, whatever built it (a spec's layer list or a
 * user's module): its variables, a forward pass, and the tensors regularizers apply to.
 */
export interface TrainableModel {
  readonly model: tf.LayersModel;
  readonly nIn: number;
  readonly nOut: number;
  readonly variables: tf.Variable[];
  /**
   * Every weight the model keeps, trainable or not (a batch normalization's moving mean and
   * variance too): what early stopping saves and restores. The trainable ones come first,
   * in the order of `variables`.
   */
  readonly state: tf.Variable[];
  /** Kernels of every top-level dense layer: the sweep's kernel_regularizer applies to these. */
  readonly denseKernels: tf.Variable[];
  /** True when forward() reports every dense layer's output, so an activity regularizer can apply. */
  readonly reportsActivations: boolean;
  /**
   * The forward pass. training=true applies dropout with masks seeded by `seed` (so the
   * same trial repeats exactly); training=false is inference.
   */
  forward(x: tf.Tensor, training: boolean, seed: number): ForwardOutput;
  /** Regularization losses the model's own layers declare (a user module's), as model.fit adds them. */
  ownLosses(): tf.Scalar[];
}

/** A row's shape without the batch axis; every axis must be known, so a flat row can be reshaped into it. */
function rowShape(shape: (number | null)[], what: string): number[] {
  const row = shape.slice(1);
  if (row.length === 0 || row.some((d) => d === null || !(d >= 1))) {
    throw new Error(`the model's ${what} must have a fixed shape per row, got [${shape.map((d) => (d === null ? 'batch' : String(d))).join(', ')}]`);
  }
  return row as number[];
}

const product = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The per-layer stream of a noise layer's seed in a training step (the step's seed mixed with the layer's index). */
function layerSeed(seed: number, index: number): number {
  return (seed + Math.imul(index + 1, 0x9e3779b1)) >>> 0;
}

/**
 * Wraps a LayersModel for training. A tf.Sequential runs layer by layer, reporting dense
 * outputs and applying dropout and the other noise layers with seeded masks; any other
 * model runs through model.apply and reports no activations. Rows travel flat, [batch,
 * nIn] in and [batch, nOut] out: forward() reshapes them to the model's input shape (an
 * image, a sequence) and flattens an output of more axes, so batches, validation sets and
 * losses never see a shape. nIn and nOut are the products of the model's row shapes.
 */
export function makeTrainableModel(model: tf.LayersModel): TrainableModel {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`the model must have one input and one output, it has ${model.inputs.length} and ${model.outputs.length}`);
  }
  const inputShape = rowShape(model.inputs[0].shape, 'input');
  const nIn = product(inputShape);
  const nOut = product(rowShape(model.outputs[0].shape, 'output'));
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const state = [...variables, ...model.nonTrainableWeights.map((w) => w.read() as tf.Variable)];
  const denseLayers = model.layers.filter((l) => l.getClassName() === 'Dense');
  const denseKernels = denseLayers.flatMap((l) => l.trainableWeights.filter((w) => /\/kernel$/.test(w.originalName)).map((w) => w.read() as tf.Variable));
  const hasOwnLosses = model.layers.some((l) => l.losses.length > 0);
  const sequential = model instanceof tf.Sequential;
  const layers = model.layers;
  const steps = sequential ? layers.map(layerStep) : [];

  const run = (x: tf.Tensor, training: boolean, seed: number): ForwardOutput => {
    if (!sequential) return { output: model.apply(x, { training }) as tf.Tensor, activations: [] };
    let out = x;
    const activations: tf.Tensor[] = [];
    steps.forEach((step, i) => {
      if (step.kind === 'dense' && out.rank === 2) {
        out = step.apply(out);
        activations.push(out);
      } else if (step.kind === 'noise') {
        if (training) out = step.apply(out, layerSeed(seed, i));
      } else {
        out = step.layer.apply(out, { training }) as tf.Tensor;
        if (step.kind === 'dense') activations.push(out);
      }
    });
    return { output: out, activations };
  };
  const forward = (x: tf.Tensor, training: boolean, seed: number): ForwardOutput => {
    const shaped = inputShape.length === 1 ? x : tf.reshape(x, [-1, ...inputShape]);
    const result = run(shaped, training, seed);
    return result.output.rank === 2 ? result : { ...result, output: tf.reshape(result.output, [-1, nOut]) };
  };

  return {
    model, nIn, nOut, variables, state, denseKernels,
    reportsActivations: sequential,
    forward,
    ownLosses: () => (hasOwnLosses ? model.calculateLosses() : []),
  };
}

type LayerStep =
  | { kind: 'dense'; layer: tf.layers.Layer; apply: (x: tf.Tensor) => tf.Tensor }
  | { kind: 'noise'; apply: (x: tf.Tensor, seed: number) => tf.Tensor }
  | { kind: 'other'; layer: tf.layers.Layer };

/** The slice of a tfjs Dense layer the forward pass reads (its activation object is not in the typings). */
interface DenseInternals {
  activation?: { apply(x: tf.Tensor): tf.Tensor };
}

/**
 * How the forward pass runs one layer. A Dense layer on rows runs as matMul + add + its
 * own activation object: the same function as Dense.call, which uses a fused matMul whose
 * gradient measured slower here (on more axes, as Dense.call). Dropout and the noise layers
 * TensorFlow.js draws unseeded are the trainer's, with seeded draws and TensorFlow.js's
 * formulas (noise-steps.ts): the same trial repeats exactly. Any other layer runs through
 * layer.apply.
 */
function layerStep(layer: tf.layers.Layer): LayerStep {
  const kind = layer.getClassName();
  const noise = noiseStep(kind, layer.getConfig());
  if (noise !== null) return { kind: 'noise', apply: noise };
  if (kind !== 'Dense') return { kind: 'other', layer };
  const kernel = layer.trainableWeights.find((w) => /\/kernel$/.test(w.originalName))?.read();
  const bias = layer.trainableWeights.find((w) => /\/bias$/.test(w.originalName))?.read();
  const activation = (layer as unknown as DenseInternals).activation;
  if (kernel === undefined || activation === undefined || kernel.shape.length !== 2) return { kind: 'other', layer };
  return {
    kind: 'dense',
    layer,
    apply: (x) => {
      const z = bias === undefined ? tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D) : tf.add(tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D), bias);
      return activation.apply(z);
    },
  };
}
