import type * as tf from '@tensorflow/tfjs';
import type { Activation } from '../config/types.js';

type TfActivation = NonNullable<Parameters<typeof tf.layers.dense>[0]['activation']>;

/** Spec (Keras) activation names as TensorFlow.js spells them. */
export function tfActivation(name: Activation): TfActivation {
  return name === 'hard_sigmoid' ? 'hardSigmoid' : name;
}
