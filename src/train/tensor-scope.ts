import * as tf from '@tensorflow/tfjs';

/**
 * Runs `fn` so that every tensor and variable it creates and does not free itself is
 * freed when it ends, also when it throws: the TensorFlow.js tensor count is back to its
 * starting value afterwards. Variables escape engine scopes, so those registered during
 * `fn` are disposed by name. One such scope at a time per thread (the trainer queues trials).
 */
export async function withTensorScope<T>(fn: () => Promise<T>): Promise<T> {
  const engine = tf.engine();
  const before = new Set(Object.keys(engine.registeredVariables));
  engine.startScope('tfsweep-trial');
  try {
    return await fn();
  } finally {
    engine.endScope();
    for (const [name, v] of Object.entries(engine.registeredVariables)) {
      if (!before.has(name)) v.dispose();
    }
  }
}
