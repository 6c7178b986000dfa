import * as tf from '@tensorflow/tfjs';
import type { Initializer } from '../config/types.js';

type TfInitializer = ReturnType<typeof tf.initializers.zeros>;

/**
 * A spec initializer as a seeded TensorFlow.js initializer, with Keras's defaults
 * (random_normal: mean 0, stddev 0.05; random_uniform: [-0.05, 0.05]). The same seed
 * gives the same weights on a given backend.
 */
export function makeInitializer(name: Initializer, seed: number): TfInitializer {
  switch (name) {
    case 'glorot_uniform': return tf.initializers.glorotUniform({ seed });
    case 'glorot_normal': return tf.initializers.glorotNormal({ seed });
    case 'he_normal': return tf.initializers.heNormal({ seed });
    case 'he_uniform': return tf.initializers.heUniform({ seed });
    case 'lecun_normal': return tf.initializers.leCunNormal({ seed });
    case 'lecun_uniform': return tf.initializers.leCunUniform({ seed });
    case 'zeros': return tf.initializers.zeros();
    case 'ones': return tf.initializers.ones();
    case 'identity': return tf.initializers.identity({ gain: 1 });
    case 'random_normal': return tf.initializers.randomNormal({ mean: 0, stddev: 0.05, seed });
    case 'random_uniform': return tf.initializers.randomUniform({ minval: -0.05, maxval: 0.05, seed });
  }
}
