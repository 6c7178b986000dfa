import * as tf from '@tensorflow/tfjs';
import type { DenseLayerSpec } from '../../config/types.js';
import { buildLayerModel, unitsOf } from '../build-model.js';
import type { ForwardOutput } from '../trainable-model.js';

/** The slice of a tfjs Dense layer the forward pass reads (its activation object is not in the typings). */
interface DenseInternals {
  activation?: { apply(x: tf.Tensor): tf.Tensor };
}

interface StackedDense {
  /** [K, in, out] */
  kernel: tf.Variable;
  /** [K, 1, out], or null without bias. */
  bias: tf.Variable | null;
  activation: (x: tf.Tensor) => tf.Tensor;
  units: number;
  inputs: number;
}

/**
 * K dense models of one architecture stacked along a leading member axis: kernels
 * [K, in, out], biases [K, 1, out], one batched matMul per layer. Member k starts from
 * exactly the weights its solo run would (the same buildLayerModel with its own seed), and
 * uses the very activation objects of a solo Dense layer, so fused == solo up to float
 * rounding. Every variable has rank 3, so per-member hyperparameters broadcast as [K, 1, 1].
 */
export class StackedModel {
  readonly layers: StackedDense[] = [];
  /** A solo model of the same architecture: the vessel for saving one member's weights. */
  readonly template: tf.Sequential;

  constructor(layerSpecs: DenseLayerSpec[], nIn: number, seeds: number[]) {
    const solos = seeds.map((seed) => buildLayerModel(layerSpecs, nIn, seed));
    this.template = solos[0];
    try {
      let width = nIn;
      this.template.layers.forEach((layer, i) => {
        const spec = layerSpecs[i];
        const units = unitsOf(spec.units, nIn);
        const weightsOf = (m: tf.Sequential, suffix: string) => m.layers[i].trainableWeights.find((w) => w.originalName.endsWith(suffix))?.read();
        const kernel = tf.tidy(() => tf.stack(solos.map((m) => weightsOf(m, '/kernel')!)).variable(true));
        const bias = spec.use_bias
          ? tf.tidy(() => tf.stack(solos.map((m) => weightsOf(m, '/bias')!.reshape([1, units]))).variable(true))
          : null;
        const act = (layer as unknown as DenseInternals).activation;
        if (act === undefined) throw new Error(`dense layer ${i} has no activation object`);
        this.layers.push({ kernel, bias, activation: (x) => act.apply(x), units, inputs: width });
        width = units;
      });
    } finally {
      solos.slice(1).forEach((m) => m.dispose());
    }
  }

  get size(): number {
    return this.layers[0].kernel.shape[0];
  }

  get variables(): tf.Variable[] {
    return this.layers.flatMap((l) => (l.bias === null ? [l.kernel] : [l.kernel, l.bias]));
  }

  get kernels(): tf.Variable[] {
    return this.layers.map((l) => l.kernel);
  }

  /** x: [K, B, in] -> output [K, B, out] and every layer's output (activity penalties). */
  forward(x: tf.Tensor): ForwardOutput {
    let out = x;
    const activations: tf.Tensor[] = [];
    for (const l of this.layers) {
      const z = tf.matMul(out as tf.Tensor3D, l.kernel as tf.Tensor3D);
      out = l.activation(l.bias === null ? z : tf.add(z, l.bias));
      activations.push(out);
    }
    return { output: out, activations };
  }

  /** Member k's weights in solo shapes (kernel [in, out], bias [out]), in the template's weight order. Caller disposes. */
  memberWeights(k: number): tf.Tensor[] {
    return tf.tidy(() => this.layers.flatMap((l) => {
      const kernel = tf.slice(l.kernel, [k, 0, 0], [1, l.inputs, l.units]).reshape([l.inputs, l.units]);
      return l.bias === null ? [kernel] : [kernel, tf.slice(l.bias, [k, 0, 0], [1, 1, l.units]).reshape([l.units])];
    }));
  }

  /** A solo forward pass with member weights from memberWeights(): x [rows, in] -> [rows, out]. */
  soloForward(weights: tf.Tensor[], x: tf.Tensor): tf.Tensor {
    let out = x;
    let at = 0;
    for (const l of this.layers) {
      const kernel = weights[at++];
      const z = tf.matMul(out as tf.Tensor2D, kernel as tf.Tensor2D);
      out = l.activation(l.bias === null ? z : tf.add(z, weights[at++]));
    }
    return out;
  }

  /** Keeps only the members at `indices` (in that order); every variable is re-stacked. */
  keep(indices: number[]): void {
    for (const l of this.layers) {
      l.kernel = regather(l.kernel, indices);
      if (l.bias !== null) l.bias = regather(l.bias, indices);
    }
  }

  dispose(): void {
    for (const l of this.layers) {
      l.kernel.dispose();
      l.bias?.dispose();
    }
    this.template.dispose();
  }
}

/** A variable with only the given rows of its leading axis; the old one is disposed. */
export function regather(v: tf.Variable, indices: number[]): tf.Variable {
  const next = tf.tidy(() => tf.gather(v, tf.tensor1d(indices, 'int32')).variable(v.trainable));
  v.dispose();
  return next;
}
