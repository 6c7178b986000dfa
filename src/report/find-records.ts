import { UsageError } from '../errors.js';
import type { EpochMetrics } from '../core/metrics.js';
import type { ResultsReader, SweepRecord, TrialRecord } from '../storage/store.js';

/** The sweep named `name`, or a UsageError that lists the sweeps the database holds. */
export async function findSweep(store: ResultsReader, name: string): Promise<SweepRecord> {
  const sweep = await store.getSweep(name);
  if (sweep) return sweep;
  const names = (await store.listSweeps()).map((s) => s.name);
  throw new UsageError(
    `no sweep named '${name}' in this database; ${names.length > 0 ? `its sweeps: ${names.join(', ')}` : 'it holds no sweep yet'}`,
    'E_NO_SWEEP',
  );
}

/** The trial with the id as typed on the command line, or a UsageError. */
export async function findTrial(store: ResultsReader, id: string): Promise<TrialRecord> {
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n)) {
    throw new UsageError(`trial id must be a whole number (the 'trial' column of tfsweep top), got '${id}'`, 'E_NO_TRIAL');
  }
  const trial = await store.getTrial(n);
  if (!trial) throw new UsageError(`no trial with id ${n} in this database (tfsweep top <sweep> lists them)`, 'E_NO_TRIAL');
  return trial;
}

/** Every epoch of these trials, read once, for the pure renderers that take `epochsOf`. */
export async function loadEpochs(store: ResultsReader, trials: readonly TrialRecord[]): Promise<(trialId: number) => EpochMetrics[]> {
  const byTrial = new Map<number, EpochMetrics[]>();
  for (const t of trials) byTrial.set(t.id, await store.getEpochs(t.id));
  return (trialId) => byTrial.get(trialId) ?? [];
}
