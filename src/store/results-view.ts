import type BetterSqlite3 from 'better-sqlite3';
import { paramColumnName } from '../planner/format-param.js';
import { StoreError } from '../errors.js';
import { FINAL_METRIC_COLUMNS } from './columns.js';

/**
 * The `results` view: one row per trial, a column per parameter of any stored sweep.
 * Parameter columns are the union over sweeps, kept in `param_columns`; the view is
 * dropped and recreated (inside the caller's transaction) when a sweep brings a new one.
 *
 * A scalar parameter keeps its JSON type (numbers stay numeric, so `ORDER BY
 * learning_rate` sorts numerically; booleans are 1/0); an object, a list or null shows
 * as its compact text (`l1=1e-05`, `[8,4]`, `none`) from params_text_json.
 */

/** The view's columns other than parameters; a parameter never takes one of these names. */
export const RESULTS_FIXED_COLUMNS: readonly string[] = [
  'sweep', 'trial_id', 'trial_key', 'status',
  ...FINAL_METRIC_COLUMNS,
  'epochs_done', 'best_epoch', 'duration_s', 'backend', 'warnings', 'rung', 'error', 'idx',
];

const FIXED = new Set(RESULTS_FIXED_COLUMNS.map((c) => c.toLowerCase()));

/**
 * The column for a new parameter: `paramColumnName(name)`, prefixed with `param_` when
 * that is a fixed column (the `loss` knob becomes `param_loss`), suffixed `_2`, `_3`...
 * when another parameter already has it. `taken` holds lower-cased names in use.
 */
export function assignColumnName(name: string, taken: ReadonlySet<string>): string {
  let base = paramColumnName(name);
  if (FIXED.has(base.toLowerCase())) base = `param_${base}`;
  let col = base;
  for (let n = 2; taken.has(col.toLowerCase()); n++) col = `${base}_${n}`;
  return col;
}

/** Records the parameters the view lacks; returns true when any was added. */
export function registerParams(db: BetterSqlite3.Database, names: Iterable<string>): boolean {
  const rows = db.prepare('SELECT name, column_name FROM param_columns').all() as { name: string; column_name: string }[];
  const known = new Set(rows.map((r) => r.name));
  const taken = new Set(rows.map((r) => r.column_name.toLowerCase()));
  const insert = db.prepare('INSERT INTO param_columns (name, column_name) VALUES (?, ?)');
  let added = false;
  for (const name of [...names].sort()) {
    if (known.has(name)) continue;
    if (name.includes('"')) throw new StoreError('E_PARAM_NAME', `parameter name ${JSON.stringify(name)} cannot contain a double quote`);
    const col = assignColumnName(name, taken);
    insert.run(name, col);
    known.add(name);
    taken.add(col.toLowerCase());
    added = true;
  }
  return added;
}

export function resultsViewSql(params: readonly { name: string; column_name: string }[]): string {
  const paramCols = params.map(({ name, column_name }) => {
    const path = sqlString(`$."${name}"`);
    return `  CASE WHEN json_type(t.params_json, ${path}) IN ('object', 'array', 'null')\n`
      + `    THEN json_extract(t.params_text_json, ${path})\n`
      + `    ELSE json_extract(t.params_json, ${path}) END AS ${sqlIdent(column_name)}`;
  });
  const cols = [
    '  s.name AS sweep', '  t.id AS trial_id', '  t.trial_key', '  t.status',
    ...paramCols,
    ...FINAL_METRIC_COLUMNS.map((c) => `  t.${c}`),
    '  t.epochs_done', '  t.best_epoch', '  t.duration_s', '  t.backend', '  t.warnings', '  t.rung', '  t.error', '  t.idx',
  ];
  return `CREATE VIEW results AS SELECT\n${cols.join(',\n')}\nFROM trials t JOIN sweeps s ON s.id = t.sweep_id`;
}

/** Drops and recreates the view from `param_columns`. Call inside a write transaction. */
export function rebuildResultsView(db: BetterSqlite3.Database): void {
  const params = db.prepare('SELECT name, column_name FROM param_columns ORDER BY name').all() as { name: string; column_name: string }[];
  db.exec('DROP VIEW IF EXISTS results');
  db.exec(resultsViewSql(params));
}

export function resultsViewExists(db: BetterSqlite3.Database): boolean {
  return db.prepare("SELECT 1 FROM sqlite_schema WHERE type = 'view' AND name = 'results'").get() !== undefined;
}

function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
