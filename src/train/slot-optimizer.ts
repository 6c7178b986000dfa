import * as tf from '@tensorflow/tfjs';

/**
 * The part every hand-written optimizer shares (Keras formulas TensorFlow.js lacks or
 * computes differently): per-variable slot variables, one tidy scope per variable update,
 * the iteration count. A subclass writes `update` for one variable; `beforeStep` runs once
 * per applyGradients, before any variable (for per-step scalars such as Nadam's schedule).
 */
export abstract class SlotOptimizer extends tf.Optimizer {
  /** slot name -> variable name -> slot variable. */
  private readonly slots = new Map<string, Map<string, tf.Variable>>();

  applyGradients(variableGradients: tf.NamedTensorMap | { name: string; tensor: tf.Tensor }[]): void {
    const entries: [string, tf.Tensor][] = Array.isArray(variableGradients)
      ? variableGradients.map((g) => [g.name, g.tensor])
      : Object.entries(variableGradients);
    this.beforeStep();
    for (const [name, gradient] of entries) {
      if (gradient == null) continue;
      const value = tf.engine().registeredVariables[name];
      tf.tidy(() => this.update(name, value, gradient));
    }
    this.incrementIterations();
  }

  protected beforeStep(): void {}

  /** One variable's update, inside a tidy scope: assign the slots and `value`. */
  protected abstract update(name: string, value: tf.Variable, gradient: tf.Tensor): void;

  /** The slot `slot` of variable `name`, created filled with `init` on first use (shaped like `like`). */
  protected slot(slot: string, name: string, like: tf.Tensor, init = 0): tf.Variable {
    let byVar = this.slots.get(slot);
    if (byVar === undefined) {
      byVar = new Map();
      this.slots.set(slot, byVar);
    }
    let v = byVar.get(name);
    if (v === undefined) {
      // Variables outlive tidy scopes; the fill tensor does not.
      v = tf.tidy(() => tf.fill(like.shape, init, like.dtype).variable(false));
      byVar.set(name, v);
    }
    return v;
  }

  override dispose(): void {
    for (const byVar of this.slots.values()) for (const v of byVar.values()) v.dispose();
    this.slots.clear();
  }
}
