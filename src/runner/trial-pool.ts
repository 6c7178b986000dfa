import { MessageChannel } from 'node:worker_threads';
import { Piscina } from 'piscina';
import type { ResourceLimits } from 'node:worker_threads';
import type { MainReply, TrainTask, TrainTaskResult, WorkerEvent } from './protocol.js';

/** Longest wait, after a task resolved, for its `done` event (normally already queued). */
const DONE_GRACE_MS = 5000;

/** Why a task ended without a result from its worker. */
export type TaskFailure =
  | { kind: 'aborted'; reason: 'timeout' | 'interrupted' }
  | { kind: 'worker-died'; message: string };

export interface TaskHandlers {
  onEvent(event: WorkerEvent, reply: (r: MainReply) => void): void;
}

/**
 * A fixed-size piscina pool of trainer workers. Workers stay alive (no idle timeout) so
 * each loads its backend once; a worker that dies is replaced by piscina. Each task gets
 * its own MessageChannel for live epoch events and rung verdicts, and its own abort
 * controller, which terminates the worker: the hard stop for hung trials.
 */
export class TrialPool {
  private readonly pool: Piscina<TrainTask, TrainTaskResult>;

  constructor(workers: number, resourceLimits?: ResourceLimits) {
    this.pool = new Piscina({
      filename: new URL('./worker.js', import.meta.url).href,
      minThreads: workers,
      maxThreads: workers,
      idleTimeout: Number.MAX_SAFE_INTEGER,
      concurrentTasksPerWorker: 1,
      atomics: 'disabled',
      resourceLimits,
    });
  }

  get size(): number {
    return this.pool.threads.length;
  }

  /**
   * Runs one task. Resolves with the worker's result once every event of the task has been
   * handled, or with a TaskFailure when the task was aborted (by `abort`) or its worker
   * died (exit, uncaught error, memory limit).
   */
  run(
    task: Omit<TrainTask, 'port'>,
    handlers: TaskHandlers,
    abort: AbortController,
  ): Promise<TrainTaskResult | TaskFailure> {
    const { port1, port2 } = new MessageChannel();
    let sawDone: () => void = () => {};
    const done = new Promise<void>((resolve) => { sawDone = resolve; });
    port1.on('message', (event: WorkerEvent) => {
      if (event.type === 'done') sawDone();
      else handlers.onEvent(event, (r) => port1.postMessage(r));
    });
    const full: TrainTask = { ...task, port: port2 };
    return this.pool
      .run(full, { transferList: [port2], signal: abort.signal })
      .then(
        // Events travel on the task's port, the result on piscina's channel: wait for `done`
        // so every member's `result` event has been handled before the task counts as over.
        async (r): Promise<TrainTaskResult | TaskFailure> => {
          await Promise.race([done, new Promise((resolve) => setTimeout(resolve, DONE_GRACE_MS).unref())]);
          return r;
        },
        (e: unknown): TaskFailure => {
          if (abort.signal.aborted) {
            const reason = abort.signal.reason === 'timeout' ? 'timeout' : 'interrupted';
            return { kind: 'aborted', reason };
          }
          const message = e instanceof Error ? e.message : String(e);
          return { kind: 'worker-died', message };
        },
      )
      .finally(() => port1.close());
  }

  async destroy(): Promise<void> {
    await this.pool.destroy();
  }
}

export function isTaskFailure(x: TrainTaskResult | TaskFailure): x is TaskFailure {
  return (x as TaskFailure).kind !== undefined;
}
