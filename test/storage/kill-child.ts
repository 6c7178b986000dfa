// Child process for the kill -9 test: runs a long fake sweep against the store at
// argv[2], writing each trial the way the runner does (claimTrials with a lease, batched
// epochs, finishTrial), and prints `ready` once a few trials are done. The parent kills it.
import { writeSync } from 'node:fs';
import { openStore } from '../../src/storage/sqlite/sqlite-store.js';
import { completed, epoch, params, plannedTrial, sweepInput } from './helpers.js';

const KILL_SWEEP_TRIALS = 5000;
/** Long enough to outlive the test: the parent must take the sweep over to end it. */
const LEASE = { worker: `kill-child-${process.pid}`, ms: 60_000 };

const store = openStore(process.argv[2]);
const trials = Array.from({ length: KILL_SWEEP_TRIALS }, (_, i) => plannedTrial(i, params({ seed: i })));
const { sweep } = await store.openSweep(sweepInput({ name: 'killed', trials }));
await store.acquireSweep(sweep.id, process.pid);
let done = 0;
for (const t of await store.listTrials(sweep.id, ['pending'])) {
  const claimed = await store.claimTrials([t.id], LEASE, 'cpu');
  if (claimed.length !== 1) throw new Error(`trial ${t.id} was not claimed`);
  await store.recordEpochs([{ trialId: t.id, m: epoch(1) }, { trialId: t.id, m: epoch(2) }]);
  await store.recordEpochs([{ trialId: t.id, m: epoch(3) }]);
  await store.finishTrial(t.id, completed(3), 0.1);
  if (++done === 5) writeSync(1, 'ready\n');
}
await store.releaseSweep(sweep.id, 'completed');
await store.close();
