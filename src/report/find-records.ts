import { UsageError } from '../errors.js';
import type { SqliteStore } from '../store/sqlite-store.js';
import type { ResultStore, SweepRecord, TrialRecord } from '../store/store.js';

/** The sweep named `name`, or a UsageError that lists the sweeps the database holds. */
export function findSweep(store: ResultStore, name: string): SweepRecord {
  const sweep = store.getSweep(name);
  if (sweep) return sweep;
  const names = store.listSweeps().map((s) => s.name);
  throw new UsageError(
    `no sweep named '${name}' in this database; ${names.length > 0 ? `its sweeps: ${names.join(', ')}` : 'it holds no sweep yet'}`,
    'E_NO_SWEEP',
  );
}

/** The trial with the id as typed on the command line, or a UsageError. */
export function findTrial(store: ResultStore, id: string): TrialRecord {
  const n = Number(id);
  if (!/^\d+$/.test(id) || !Number.isSafeInteger(n)) {
    throw new UsageError(`trial id must be a whole number (the 'trial' column of tfsweep top), got '${id}'`, 'E_NO_TRIAL');
  }
  const trial = store.getTrial(n);
  if (!trial) throw new UsageError(`no trial with id ${n} in this database (tfsweep top <sweep> lists them)`, 'E_NO_TRIAL');
  return trial;
}

/**
 * Parameter name -> its column in the `results` view (`model.layers.0.activation` ->
 * `model_layers_0_activation`, the `loss` knob -> `param_loss`), so exported files use
 * the names users' SQL uses.
 */
export function paramColumnMap(store: SqliteStore): Map<string, string> {
  const rows = store.db.prepare('SELECT name, column_name FROM param_columns').all() as { name: string; column_name: string }[];
  return new Map(rows.map((r) => [r.name, r.column_name]));
}
