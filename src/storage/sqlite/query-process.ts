import { Worker } from 'node:worker_threads';
import { executeQuery } from './execute-query.js';
import type { QueryRequest } from './query-messages.js';

/**
 * Entry of the process that runs one `tfsweep query` statement (started by run-query.ts).
 * A process rather than a worker thread: better-sqlite3 steps a statement in native code,
 * which Worker.terminate() cannot interrupt, whereas SIGKILL ends a runaway query at once.
 * Receives one QueryRequest over IPC, answers one QueryReply, exits.
 *
 * While the statement runs, this process's own JavaScript is blocked, so a watchdog
 * thread guards it: it kills the process when the parent `tfsweep query` is gone (killed
 * without a chance to clean up) or a grace period after the deadline. No query process
 * outlives its command by more than that.
 */
const WATCHDOG = `
const { workerData } = require('node:worker_threads');
const deadline = Date.now() + workerData.ms;
setInterval(() => {
  if (process.ppid !== workerData.parent || Date.now() > deadline) process.kill(process.pid, 'SIGKILL');
}, 200);
`;

/** How long past the parent's own timeout the watchdog waits before killing this process itself. */
const WATCHDOG_GRACE_MS = 2000;

process.once('message', (req: QueryRequest) => {
  const watchdog = new Worker(WATCHDOG, { eval: true, workerData: { ms: (req.timeoutMs ?? 30_000) + WATCHDOG_GRACE_MS, parent: process.ppid } });
  watchdog.unref();
  process.send!(executeQuery(req), () => process.exit(0));
});
