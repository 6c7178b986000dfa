import type * as tf from '@tensorflow/tfjs';
import type { EpochControl } from '../train-epoch.js';

/**
 * What the fused group driver (train-group.ts) needs from a way of training K members side
 * by side: an epoch over every member, each member's weights in solo shapes, a solo
 * forward pass with them (validation), and dropping members. Two implementations:
 * stacked-engine.ts (any dense stack, TensorFlow.js ops on [K, ...] tensors) and
 * wide-linear-engine.ts (one linear dense layer with MSE: wide 2D matmuls, update in JS).
 */
export interface FusedEngine {
  /** A solo model of the members' architecture: the vessel for saving one member's weights. */
  readonly template: tf.Sequential;
  /** 0 when the first dense layer is square (its kernel, memberWeights()[0], gives the identity statistics of an autoencoder: weight-stats.ts), else -1. */
  readonly squareWeight: number;
  /** Member k's weights in the template's order and shapes. Caller disposes. */
  memberWeights(k: number): tf.Tensor[];
  /** Inference with weights from memberWeights(): x [rows, in] -> [rows, out]. */
  soloForward(weights: tf.Tensor[], x: tf.Tensor): tf.Tensor;
  /**
   * One epoch for every member (feeders already shuffled): each member's mean objective,
   * NaN/Infinity for one that diverged (also reported through onDiverged when first seen).
   * Throws TrialStop for cancellation and timeout.
   */
  epoch(control: EpochControl, onDiverged: (member: number, value: number) => void): Promise<number[]>;
  /** Keeps only the members at `indices`, in that order. */
  keep(indices: number[]): void;
  dispose(): void;
}
