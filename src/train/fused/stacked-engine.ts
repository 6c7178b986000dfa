import type * as tf from '@tensorflow/tfjs';
import type { Loss, Optimizer, Regularizer, DenseLayerSpec } from '../../config/types.js';
import type { Task } from '../../tasks/task.js';
import type { EpochControl } from '../train-epoch.js';
import { fusedEpoch, type FusedStepConfig } from './fused-epoch.js';
import type { FusedEngine } from './fused-engine.js';
import { disposePenalty, keepPenalty, memberPenalty } from './fused-objective.js';
import type { MemberBatches } from './member-batches.js';
import { StackedModel } from './stacked-model.js';
import { StackedOptimizer } from './stacked-optimizer.js';

/** Per-member knobs a fused engine needs, one entry per member. */
export interface MemberKnobs {
  seed: number;
  learning_rate: number;
  momentum: number;
  weight_decay: number;
  kernel_regularizer: Regularizer;
  activity_regularizer: Regularizer;
}

export interface EngineShape {
  layers: DenseLayerSpec[];
  nIn: number;
  nOut: number;
  trainRows: number;
  batchSize: number;
  steps: number;
  /** The group's task: its formula for `loss` is what every engine trains on. */
  task: Task;
  loss: Loss;
  optimizer: Optimizer;
}

/** Any stack of dense layers: [K, ...] variables and TensorFlow.js ops (see stacked-model.ts). */
export class StackedEngine implements FusedEngine {
  private readonly model: StackedModel;
  private readonly cfg: FusedStepConfig;
  readonly squareWeight: number;

  constructor(private readonly shape: EngineShape, members: MemberKnobs[], private readonly batches: MemberBatches) {
    this.model = new StackedModel(shape.layers, shape.nIn, members.map((m) => m.seed));
    this.cfg = {
      model: this.model,
      loss: shape.task.loss(shape.loss),
      kernel: memberPenalty(members.map((m) => m.kernel_regularizer)),
      activity: memberPenalty(members.map((m) => m.activity_regularizer)),
      optimizer: new StackedOptimizer(shape.optimizer, {
        learningRate: members.map((m) => m.learning_rate),
        momentum: members.map((m) => m.momentum),
        weightDecay: members.map((m) => m.weight_decay),
      }),
    };
    // The first dense layer's kernel is weight 0; see weight-stats.ts for when it counts.
    const first = this.model.layers[0];
    this.squareWeight = first !== undefined && first.inputs === first.units ? 0 : -1;
  }

  get template(): tf.Sequential {
    return this.model.template;
  }

  memberWeights(k: number): tf.Tensor[] {
    return this.model.memberWeights(k);
  }

  soloForward(weights: tf.Tensor[], x: tf.Tensor): tf.Tensor {
    return this.model.soloForward(weights, x);
  }

  epoch(control: EpochControl, onDiverged: (member: number, value: number) => void): Promise<number[]> {
    const s = this.shape;
    return fusedEpoch(this.cfg, this.batches, s.steps, s.batchSize, s.trainRows, s.nIn, s.nOut, control, onDiverged);
  }

  keep(indices: number[]): void {
    this.model.keep(indices);
    this.cfg.optimizer.keep(indices);
    this.cfg.kernel = keepPenalty(this.cfg.kernel, indices);
    this.cfg.activity = keepPenalty(this.cfg.activity, indices);
    this.batches.keep(indices);
  }

  dispose(): void {
    this.cfg.optimizer.dispose();
    disposePenalty(this.cfg.kernel);
    disposePenalty(this.cfg.activity);
    this.model.dispose();
  }
}
