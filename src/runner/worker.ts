import type { MessagePort } from 'node:worker_threads';
import { createTrainer } from '../train/create-trainer.js';
import type { Trainer, EpochVerdict } from '../train/types.js';
import type { BackendChoice, MainReply, TrainTask, TrainTaskResult, WorkerEvent } from './protocol.js';

/**
 * Pool worker entry (piscina). Each worker thread creates its trainer once (loading the
 * TensorFlow.js backend once) and then trains one trial per task. It never writes to the
 * database: epochs go to the main thread over the task's port, the result is the return value.
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

export default async function trainTask(task: TrainTask): Promise<TrainTaskResult> {
  const { port, trialId } = task;
  const t0 = performance.now();
  try {
    const trainer = await getTrainer(task.backend);
    post(port, { type: 'started', trialId, backend: trainer.backend });
    const ask = new Set(task.askAtEpochs);
    const result = await trainer.train(task.trial, task.dataset, {
      metric: task.metric,
      timeLimitMs: task.timeLimitMs,
      shouldStop: () => Atomics.load(task.stopFlag, 0) !== 0,
      onEpoch: async (m): Promise<EpochVerdict> => {
        const asking = ask.has(m.epoch);
        post(port, { type: 'epoch', trialId, metrics: m, ask: asking });
        if (!asking) return undefined;
        return awaitVerdict(port, trialId, m.epoch);
      },
    });
    return { trialId, result, seconds: (performance.now() - t0) / 1000 };
  } finally {
    port.close();
  }
}
