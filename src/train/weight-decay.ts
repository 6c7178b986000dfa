import * as tf from '@tensorflow/tfjs';

/**
 * Keras 3's decoupled weight decay around any optimizer (base_optimizer.py,
 * `_apply_weight_decay`, called in `apply` after the gradients are computed and before the
 * update step): every variable with a gradient becomes
 *   w = w - w * (lr * weight_decay)
 * then the wrapped optimizer updates it from the gradient computed at the undecayed w.
 * Keras multiplies by weight_decay and lr in turn; one multiplication by their product is
 * the same value up to float32 rounding. Biases decay too, as Keras does by default.
 */
export class DecoupledWeightDecay extends tf.Optimizer {
  static get className(): string {
    return 'DecoupledWeightDecay';
  }

  /** lr * weight_decay: what a step takes off, per unit of weight. */
  readonly decay: number;

  constructor(readonly inner: tf.Optimizer, learningRate: number, readonly weightDecay: number) {
    super();
    this.decay = learningRate * weightDecay;
  }

  applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const names = Array.isArray(variableGradients)
      ? variableGradients.filter((g) => g.tensor != null).map((g) => g.name)
      : Object.keys(variableGradients).filter((n) => variableGradients[n] != null);
    for (const name of names) {
      const value = tf.engine().registeredVariables[name];
      tf.tidy(() => value.assign(tf.sub(value, tf.mul(value, this.decay))));
    }
    this.inner.applyGradients(variableGradients);
    this.incrementIterations();
  }

  /** Frees the wrapped optimizer (see disposeOptimizer for what TensorFlow.js's own leave behind). */
  override dispose(): void {
    this.inner.dispose();
  }

  getConfig(): tf.serialization.ConfigDict {
    return { weightDecay: this.weightDecay, inner: this.inner.getClassName() };
  }
}

/**
 * The optimizer under a DecoupledWeightDecay, or `o` itself. Not `instanceof`: tf.Optimizer
 * overrides Symbol.hasInstance to a duck-type test every optimizer passes.
 */
export function withoutDecay(o: tf.Optimizer): tf.Optimizer {
  return Object.getPrototypeOf(o) === DecoupledWeightDecay.prototype ? (o as DecoupledWeightDecay).inner : o;
}
