import * as tf from '@tensorflow/tfjs';

/**
 * Adadelta as Keras computes it. TensorFlow.js's own adadelta divides by the accumulated
 * squared gradient of the PREVIOUS step (its first step is lr * gradient, which diverges
 * at Keras's learning rates); Keras uses the updated one:
 *   acc_g = rho * acc_g + (1 - rho) * g^2
 *   delta = sqrt(acc_d + eps) / sqrt(acc_g + eps) * g
 *   acc_d = rho * acc_d + (1 - rho) * delta^2
 *   w    -= lr * delta
 */
export class KerasAdadelta extends tf.Optimizer {
  static get className(): string {
    return 'KerasAdadelta';
  }

  private readonly accGrad = new Map<string, tf.Variable>();
  private readonly accDelta = new Map<string, tf.Variable>();

  constructor(readonly learningRate: number, readonly rho: number, readonly epsilon: number) {
    super();
  }

  applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const value = tf.engine().registeredVariables[name];
      const accGrad = this.slot(this.accGrad, name, value);
      const accDelta = this.slot(this.accDelta, name, value);
      tf.tidy(() => {
        const g2 = tf.add(tf.mul(accGrad, this.rho), tf.mul(tf.square(gradient), 1 - this.rho));
        const delta = tf.mul(tf.div(tf.sqrt(tf.add(accDelta, this.epsilon)), tf.sqrt(tf.add(g2, this.epsilon))), gradient);
        accGrad.assign(g2);
        accDelta.assign(tf.add(tf.mul(accDelta, this.rho), tf.mul(tf.square(delta), 1 - this.rho)));
        value.assign(tf.sub(value, tf.mul(delta, this.learningRate)));
      });
    }
    this.incrementIterations();
  }

  private slot(map: Map<string, tf.Variable>, name: string, like: tf.Tensor): tf.Variable {
    let v = map.get(name);
    if (v === undefined) {
      v = tf.tidy(() => tf.zerosLike(like).variable(false));
      map.set(name, v);
    }
    return v;
  }

  override dispose(): void {
    for (const v of [...this.accGrad.values(), ...this.accDelta.values()]) v.dispose();
    this.accGrad.clear();
    this.accDelta.clear();
  }

  getConfig(): tf.serialization.ConfigDict {
    return { learningRate: this.learningRate, rho: this.rho, epsilon: this.epsilon };
  }
}
