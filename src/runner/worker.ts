import type { MessagePort } from 'node:worker_threads';
import { createTrainer } from '../train/create-trainer.js';
import type { Trainer, EpochVerdict } from '../train/types.js';
import type { EpochMetrics } from '../core/metrics.js';
import type { PlannedTrial } from '../planner/trial.js';
import type { BackendChoice, MainReply, TaskMember, TrainTask, TrainTaskResult, WorkerEvent } from './protocol.js';

/**
 * Pool worker entry (piscina). Each worker thread creates its trainer once (loading the
 * TensorFlow.js backend once) and then trains one group per task: a fused group, or one
 * trial alone. It never writes to the database: epochs and each trial's result go to the
 * main thread over the task's port (a result as soon as that trial is final), then `done`.
 */

let trainerPromise: Promise<Trainer> | null = null;
let trainerBackend: BackendChoice | null = null;

function getTrainer(backend: BackendChoice): Promise<Trainer> {
  if (trainerPromise === null || trainerBackend !== backend) {
    trainerBackend = backend;
    trainerPromise = createTrainer(backend);
  }
  return trainerPromise as Promise<Trainer>;
}

function post(port: MessagePort, event: WorkerEvent): void {
  port.postMessage(event);
}

/** Resolves with the main thread's verdict for `epoch`. */
function awaitVerdict(port: MessagePort, trialId: number, epoch: number): Promise<'continue' | 'stop'> {
  return new Promise((resolve) => {
    const onMessage = (msg: MainReply) => {
      if (msg.type === 'verdict' && msg.trialId === trialId && msg.epoch === epoch) {
        port.off('message', onMessage);
        resolve(msg.verdict);
      }
    };
    port.on('message', onMessage);
  });
}

/** Posts an epoch of a member and, at its rungs, waits for the verdict. */
function onMemberEpoch(port: MessagePort, member: TaskMember, m: EpochMetrics): Promise<EpochVerdict> | undefined {
  const asking = member.askAtEpochs.includes(m.epoch);
  post(port, { type: 'epoch', trialId: member.trialId, metrics: m, ask: asking });
  return asking ? awaitVerdict(port, member.trialId, m.epoch) : undefined;
}

export default async function trainTask(task: TrainTask): Promise<TrainTaskResult> {
  const { port } = task;
  const t0 = performance.now();
  const members = task.runs.flat();
  try {
    const trainer = await getTrainer(task.backend);
    post(port, { type: 'started', backend: trainer.backend });
    const shouldStop = () => Atomics.load(task.stopFlag, 0) !== 0;
    if (!task.fused) {
      const member = members[0];
      const result = await trainer.train(member.trial, task.dataset, {
        metric: task.metric,
        timeLimitMs: task.timeLimitMs,
        shouldStop,
        onEpoch: (m) => onMemberEpoch(port, member, m),
      });
      post(port, { type: 'result', trialId: member.trialId, result, seconds: (performance.now() - t0) / 1000 });
    } else {
      const byTrial = new Map<PlannedTrial, TaskMember>(members.map((m) => [m.trial, m]));
      await trainer.trainGroup({ runs: task.runs.map((run) => run.map((m) => m.trial)) }, task.dataset, {
        metric: task.metric,
        timeLimitMs: task.timeLimitMs,
        shouldStop,
        onEpoch: (trial, m) => onMemberEpoch(port, byTrial.get(trial)!, m),
        onResult: (trial, result, seconds) => post(port, { type: 'result', trialId: byTrial.get(trial)!.trialId, result, seconds }),
      });
    }
    return { trials: members.length, seconds: (performance.now() - t0) / 1000 };
  } finally {
    post(port, { type: 'done' });
    port.close();
  }
}
