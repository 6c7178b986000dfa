import * as tf from '@tensorflow/tfjs';

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

function featureCount(shape: (number | null)[], what: string): number {
  const n = shape[shape.length - 1];
  if (shape.length !== 2 || n === null) {
    throw new Error(`the model's ${what} must have shape [batch, features], got [${shape.map(String).join(', ')}]`);
  }
  return n;
}

/**
 * Wraps a LayersModel for training. A tf.Sequential runs layer by layer, reporting dense
 * outputs and applying dropout with seeded masks; any other model runs through
 * model.apply and reports no activations.
 */
export function makeTrainableModel(model: tf.LayersModel): TrainableModel {
  if (model.inputs.length !== 1 || model.outputs.length !== 1) {
    throw new Error(`the model must have one input and one output, it has ${model.inputs.length} and ${model.outputs.length}`);
  }
  const nIn = featureCount(model.inputs[0].shape, 'input');
  const nOut = featureCount(model.outputs[0].shape, 'output');
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const denseLayers = model.layers.filter((l) => l.getClassName() === 'Dense');
  const denseKernels = denseLayers.flatMap((l) => l.trainableWeights.filter((w) => /\/kernel$/.test(w.originalName)).map((w) => w.read() as tf.Variable));
  const hasOwnLosses = model.layers.some((l) => l.losses.length > 0);
  const sequential = model instanceof tf.Sequential;
  const layers = model.layers;
  const steps = sequential ? layers.map(layerStep) : [];

  const forward = (x: tf.Tensor, training: boolean, seed: number): ForwardOutput => {
    if (!sequential) return { output: model.apply(x, { training }) as tf.Tensor, activations: [] };
    let out = x;
    const activations: tf.Tensor[] = [];
    steps.forEach((step, i) => {
      if (step.kind === 'dropout') {
        if (training && step.rate > 0) out = tf.dropout(out, step.rate, undefined, (seed + Math.imul(i + 1, 0x9e3779b1)) >>> 0);
      } else if (step.kind === 'dense') {
        out = step.apply(out);
        activations.push(out);
      } else {
        out = step.layer.apply(out, { training }) as tf.Tensor;
      }
    });
    return { output: out, activations };
  };

  return {
    model, nIn, nOut, variables, denseKernels,
    reportsActivations: sequential,
    forward,
    ownLosses: () => (hasOwnLosses ? model.calculateLosses() : []),
  };
}

type LayerStep =
  | { kind: 'dense'; apply: (x: tf.Tensor) => tf.Tensor }
  | { kind: 'dropout'; rate: number }
  | { kind: 'other'; layer: tf.layers.Layer };

/** The slice of a tfjs Dense layer the forward pass reads (its activation object is not in the typings). */
interface DenseInternals {
  activation?: { apply(x: tf.Tensor): tf.Tensor };
}

/**
 * How the forward pass runs one layer. A Dense layer runs as matMul + add + its own
 * activation object: the same function as Dense.call, which uses a fused matMul whose
 * gradient measured slower here. Dropout is the trainer's (seeded masks). Any other
 * layer runs through layer.apply.
 */
function layerStep(layer: tf.layers.Layer): LayerStep {
  const kind = layer.getClassName();
  if (kind === 'Dropout') return { kind: 'dropout', rate: (layer.getConfig() as { rate: number }).rate };
  if (kind !== 'Dense') return { kind: 'other', layer };
  const kernel = layer.trainableWeights.find((w) => /\/kernel$/.test(w.originalName))?.read();
  const bias = layer.trainableWeights.find((w) => /\/bias$/.test(w.originalName))?.read();
  const activation = (layer as unknown as DenseInternals).activation;
  if (kernel === undefined || activation === undefined || kernel.shape.length !== 2) return { kind: 'other', layer };
  return {
    kind: 'dense',
    apply: (x) => {
      const z = bias === undefined ? tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D) : tf.add(tf.matMul(x as tf.Tensor2D, kernel as tf.Tensor2D), bias);
      return activation.apply(z);
    },
  };
}
