import * as tf from '@tensorflow/tfjs';
import { createPrng } from '../../src/core/prng.js';

/**
 * One small trainable model per Keras layer family, for the wasm kernel tests and the
 * probe that lists kernels missing on a backend. Layers without weights (pooling,
 * padding, cropping, upsampling) sit behind a dense layer applied on the last axis, so
 * training must differentiate through them. Every model ends in a dense(1) trained with
 * MSE; `x` and `y` are seeded, so two backends see the same numbers.
 */
export interface LayerFamily {
  name: string;
  build: () => tf.LayersModel;
  /** Input values and shape; `int` inputs are class ids (embedding). */
  x: { shape: number[]; int?: number };
  /** Trains with random draws (dropout, noise) that differ between backends: no loss comparison. */
  random?: boolean;
  /** Batch size when the default 2 will not do (see upsampling2d). */
  batchSize?: number;
}

const SEED = 7;

function init(i: number): ReturnType<typeof tf.initializers.glorotUniform> {
  return tf.initializers.glorotUniform({ seed: SEED + i });
}

/** input -> layers -> flatten -> dense(1), every weighted layer seeded. */
function stack(inputShape: number[], layers: tf.layers.Layer[], dtype: 'float32' | 'int32' = 'float32'): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.inputLayer({ inputShape, dtype }));
  for (const l of layers) model.add(l);
  if (model.outputs[0].shape.length > 2) model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: 1, kernelInitializer: init(99) }));
  return model;
}

const lastAxis = (units: number, i = 0): tf.layers.Layer => tf.layers.dense({ units, kernelInitializer: init(50 + i), activation: 'tanh' });

export const LAYER_FAMILIES: readonly LayerFamily[] = [
  { name: 'conv1d', x: { shape: [4, 9, 3] }, build: () => stack([9, 3], [lastAxis(3), tf.layers.conv1d({ filters: 4, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(1) })]) },
  { name: 'conv2d', x: { shape: [4, 7, 7, 2] }, build: () => stack([7, 7, 2], [lastAxis(2), tf.layers.conv2d({ filters: 3, kernelSize: 3, kernelInitializer: init(2), activation: 'relu' })]) },
  { name: 'separable_conv2d', x: { shape: [4, 7, 7, 2] }, build: () => stack([7, 7, 2], [lastAxis(2), tf.layers.separableConv2d({ filters: 3, kernelSize: 3, depthMultiplier: 2, padding: 'same', depthwiseInitializer: init(3), pointwiseInitializer: init(4) })]) },
  { name: 'depthwise_conv2d', x: { shape: [4, 7, 7, 2] }, build: () => stack([7, 7, 2], [lastAxis(2), tf.layers.depthwiseConv2d({ kernelSize: 3, depthMultiplier: 2, strides: 2, depthwiseInitializer: init(5) })]) },
  { name: 'conv2d_transpose', x: { shape: [4, 4, 4, 2] }, build: () => stack([4, 4, 2], [lastAxis(2), tf.layers.conv2dTranspose({ filters: 3, kernelSize: 3, strides: 2, padding: 'same', kernelInitializer: init(6) })]) },
  { name: 'max_pooling1d', x: { shape: [4, 8, 3] }, build: () => stack([8, 3], [lastAxis(3), tf.layers.maxPooling1d({ poolSize: 2 })]) },
  { name: 'max_pooling2d', x: { shape: [4, 6, 6, 2] }, build: () => stack([6, 6, 2], [lastAxis(2), tf.layers.maxPooling2d({ poolSize: 2 })]) },
  { name: 'average_pooling1d', x: { shape: [4, 8, 3] }, build: () => stack([8, 3], [lastAxis(3), tf.layers.averagePooling1d({ poolSize: 2 })]) },
  { name: 'average_pooling2d', x: { shape: [4, 6, 6, 2] }, build: () => stack([6, 6, 2], [lastAxis(2), tf.layers.averagePooling2d({ poolSize: 3, strides: 2, padding: 'same' })]) },
  {
    name: 'global_pooling', x: { shape: [4, 5, 5, 2] }, build: () => {
      const input = tf.input({ shape: [5, 5, 2] });
      const h = lastAxis(3).apply(input) as tf.SymbolicTensor;
      const avg2 = tf.layers.globalAveragePooling2d({}).apply(h) as tf.SymbolicTensor;
      const max2 = tf.layers.globalMaxPooling2d({}).apply(h) as tf.SymbolicTensor;
      const seq = tf.layers.reshape({ targetShape: [25, 3] }).apply(h) as tf.SymbolicTensor;
      const avg1 = tf.layers.globalAveragePooling1d({}).apply(seq) as tf.SymbolicTensor;
      const max1 = tf.layers.globalMaxPooling1d({}).apply(seq) as tf.SymbolicTensor;
      const cat = tf.layers.concatenate().apply([avg2, max2, avg1, max1]) as tf.SymbolicTensor;
      const out = tf.layers.dense({ units: 1, kernelInitializer: init(99) }).apply(cat) as tf.SymbolicTensor;
      return tf.model({ inputs: input, outputs: out });
    },
  },
  { name: 'batch_normalization', x: { shape: [4, 5, 5, 2] }, build: () => stack([5, 5, 2], [lastAxis(3), tf.layers.batchNormalization({})]) },
  { name: 'layer_normalization', x: { shape: [4, 6, 3] }, build: () => stack([6, 3], [lastAxis(3), tf.layers.layerNormalization({})]) },
  { name: 'lstm', x: { shape: [4, 5, 3] }, build: () => stack([5, 3], [tf.layers.lstm({ units: 4, kernelInitializer: init(7), recurrentInitializer: init(8) })]) },
  { name: 'gru', x: { shape: [4, 5, 3] }, build: () => stack([5, 3], [tf.layers.gru({ units: 4, kernelInitializer: init(9), recurrentInitializer: init(10) })]) },
  { name: 'simple_rnn', x: { shape: [4, 5, 3] }, build: () => stack([5, 3], [tf.layers.simpleRNN({ units: 4, kernelInitializer: init(11), recurrentInitializer: init(12), returnSequences: true })]) },
  {
    name: 'bidirectional_lstm', x: { shape: [4, 5, 3] },
    build: () => stack([5, 3], [tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 3, kernelInitializer: init(13), recurrentInitializer: init(14) }) as tf.RNN })]),
  },
  { name: 'embedding', x: { shape: [4, 6], int: 10 }, build: () => stack([6], [tf.layers.embedding({ inputDim: 10, outputDim: 3, embeddingsInitializer: init(15) })], 'int32') },
  // Batches of 1: the cpu backend's ResizeNearestNeighborGrad, the reference, is wrong past
  // the first image of a batch (wasm's own is right; see the adjoint test).
  { name: 'upsampling2d', batchSize: 1, x: { shape: [4, 3, 3, 2] }, build: () => stack([3, 3, 2], [lastAxis(2), tf.layers.upSampling2d({ size: [2, 2] })]) },
  { name: 'zero_padding2d', x: { shape: [4, 3, 3, 2] }, build: () => stack([3, 3, 2], [lastAxis(2), tf.layers.zeroPadding2d({ padding: [[1, 2], [0, 1]] })]) },
  { name: 'upsampling2d_bilinear', x: { shape: [4, 3, 3, 2] }, build: () => stack([3, 3, 2], [lastAxis(2), tf.layers.upSampling2d({ size: [2, 3], interpolation: 'bilinear' })]) },
  { name: 'cropping2d', x: { shape: [4, 6, 6, 2] }, build: () => stack([6, 6, 2], [lastAxis(2), tf.layers.cropping2D({ cropping: [[1, 0], [2, 1]] })]) },
  { name: 'conv3d', x: { shape: [4, 4, 4, 4, 2] }, build: () => stack([4, 4, 4, 2], [lastAxis(2), tf.layers.conv3d({ filters: 2, kernelSize: 2, strides: 2, padding: 'same', kernelInitializer: init(16) })]) },
  // Sigmoid before the pool: tfjs-backend-wasm 4.22's forward MaxPool3D returns 0 for a
  // window whose maximum is negative (measured), a bug of its own this project leaves alone.
  { name: 'max_pooling3d', x: { shape: [4, 4, 4, 4, 2] }, build: () => stack([4, 4, 4, 2], [tf.layers.dense({ units: 2, activation: 'sigmoid', kernelInitializer: init(17) }), tf.layers.maxPooling3d({ poolSize: 2, strides: 1 })]) },
  {
    name: 'activations', x: { shape: [4, 6] }, build: () => stack([6], [
      ...(['elu', 'hardSigmoid', 'relu', 'relu6', 'selu', 'sigmoid', 'softplus', 'softsign', 'swish', 'mish', 'gelu', 'gelu_new', 'softmax'] as const)
        .map((activation, i) => tf.layers.dense({ units: 6, activation, kernelInitializer: init(20 + i) })),
      // thresholdedReLU is left out: its gradient needs one for Greater, which TensorFlow.js has on no backend.
      tf.layers.leakyReLU({ alpha: 0.2 }), tf.layers.elu({}), tf.layers.reLU({ maxValue: 2 }),
      tf.layers.prelu({ alphaInitializer: 'ones' }), tf.layers.softmax({}),
    ]),
  },
  {
    name: 'shape_layers', x: { shape: [4, 3, 4] }, build: () => stack([3, 4], [
      tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 2, kernelInitializer: init(40) }) }),
      tf.layers.permute({ dims: [2, 1] }), tf.layers.flatten(), tf.layers.repeatVector({ n: 2 }),
      tf.layers.reshape({ targetShape: [3, 4] }), lastAxis(2, 1),
    ]),
  },
  { name: 'masking_lstm', x: { shape: [4, 5, 3] }, build: () => stack([5, 3], [tf.layers.masking({ maskValue: 0.5 }), tf.layers.lstm({ units: 2, kernelInitializer: init(41), recurrentInitializer: init(42) })]) },
  {
    name: 'noise_dropout', random: true, x: { shape: [4, 6, 3] }, build: () => stack([6, 3], [
      lastAxis(3), tf.layers.dropout({ rate: 0.3 }), tf.layers.spatialDropout1d({ rate: 0.3 }), tf.layers.gaussianNoise({ stddev: 0.1 }),
      tf.layers.gaussianDropout({ rate: 0.2 }), tf.layers.alphaDropout({ rate: 0.2 }), lastAxis(3, 1),
    ]),
  },
];

/** Seeded inputs in [-1, 1) (or class ids) and targets in [0, 1): the same numbers on every backend. */
export function familyData(f: LayerFamily): { x: tf.Tensor; y: tf.Tensor } {
  const rng = createPrng(SEED);
  const n = f.x.shape.reduce((a, b) => a * b, 1);
  const int = f.x.int;
  const x = int !== undefined
    ? tf.tensor(Array.from({ length: n }, () => rng.nextInt(int)), f.x.shape, 'int32')
    : tf.tensor(Array.from({ length: n }, () => rng.nextFloat() * 2 - 1), f.x.shape);
  const y = tf.tensor2d(Array.from({ length: f.x.shape[0] }, () => rng.nextFloat()), [f.x.shape[0], 1]);
  return { x, y };
}
