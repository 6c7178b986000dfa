// Child process for the kill -9 test: runs a long fake sweep against the store at
// argv[2], writing each trial the way the runner does (markRunning, batched epochs,
// finishTrial), and prints `ready` once a few trials are done. The parent kills it.
import { writeSync } from 'node:fs';
import { openStore } from '../../src/store/sqlite-store.js';
import { completed, epoch, params, plannedTrial, sweepInput } from './helpers.js';

const KILL_SWEEP_TRIALS = 5000;

const store = openStore(process.argv[2]);
const trials = Array.from({ length: KILL_SWEEP_TRIALS }, (_, i) => plannedTrial(i, params({ seed: i })));
const { sweep } = store.openSweep(sweepInput({ name: 'killed', trials }));
store.acquireSweep(sweep.id, process.pid);
let done = 0;
for (const t of store.listTrials(sweep.id, ['pending'])) {
  store.markRunning(t.id, 'cpu');
  store.recordEpochs([{ trialId: t.id, m: epoch(1) }, { trialId: t.id, m: epoch(2) }]);
  store.recordEpochs([{ trialId: t.id, m: epoch(3) }]);
  store.finishTrial(t.id, completed(3), 0.1);
  if (++done === 5) writeSync(1, 'ready\n');
}
store.releaseSweep(sweep.id, 'completed');
store.close();
