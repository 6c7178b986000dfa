import type BetterSqlite3 from 'better-sqlite3';
import { paramColumnName } from '../../config/format-param.js';
import { StoreError } from '../../errors.js';
import { epochMetricNames, metricDef, metricNames } from '../../core/metric-registry.js';

/**
 * The `results` view: one row per trial, a column per parameter of any stored sweep and a
 * column per metric (every registered metric, then any other name stored in
 * `trial_values`); `epoch_results`: one row per trial and epoch, a column per metric.
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
  'epochs_done', 'best_epoch', 'duration_s', 'backend', 'warnings', 'rung', 'error', 'idx',
];

/**
 * Names a new parameter column must avoid: the fixed columns and every registered metric
 * (a metric stored later under a parameter's column name shows as `metric_<name>`).
 */
function reservedColumns(): Set<string> {
  return new Set([...RESULTS_FIXED_COLUMNS, ...metricNames()].map((c) => c.toLowerCase()));
}

/**
 * The column for a new parameter: `paramColumnName(name)`, prefixed with `param_` when
 * that is a fixed column (the `loss` knob becomes `param_loss`), suffixed `_2`, `_3`...
 * when another parameter already has it. `taken` holds lower-cased names in use.
 */
export function assignColumnName(name: string, taken: ReadonlySet<string>): string {
  let base = paramColumnName(name);
  if (reservedColumns().has(base.toLowerCase())) base = `param_${base}`;
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

type ColumnRow = { name: string; column_name: string };

/** Metric name -> view column: the name itself, `metric_<name>` when a parameter column has it. */
function metricColumns(metrics: readonly string[], params: readonly ColumnRow[]): [string, string][] {
  const taken = new Set(params.map((p) => p.column_name.toLowerCase()));
  return metrics.map((m) => [m, taken.has(m.toLowerCase()) ? `metric_${m}` : m]);
}

/** A metric's value as a typed column: INTEGER for counts, REAL otherwise. */
function valueExpr(table: 'trial_values' | 'epoch_values', metric: string, column: string, epochJoin: boolean): string {
  const where = epochJoin ? 'v.trial_id = e.trial_id AND v.epoch = e.epoch' : 'v.trial_id = t.id';
  const sub = `(SELECT v.value FROM ${table} v WHERE ${where} AND v.name = ${sqlString(metric)})`;
  const typed = metricDef(metric)?.integer ? `CAST(${sub} AS INTEGER)` : sub;
  return `  ${typed} AS ${sqlIdent(column)}`;
}

/** The SQL of the `results` view for these parameter columns and metric names. */
export function resultsViewSql(params: readonly ColumnRow[], metrics: readonly string[] = metricNames()): string {
  const paramCols = params.map(({ name, column_name }) => {
    const path = sqlString(`$."${name}"`);
    return `  CASE WHEN json_type(t.params_json, ${path}) IN ('object', 'array', 'null')\n`
      + `    THEN json_extract(t.params_text_json, ${path})\n`
      + `    ELSE json_extract(t.params_json, ${path}) END AS ${sqlIdent(column_name)}`;
  });
  const cols = [
    '  s.name AS sweep', '  t.id AS trial_id', '  t.trial_key', '  t.status',
    ...paramCols,
    ...metricColumns(metrics, params).map(([m, c]) => valueExpr('trial_values', m, c, false)),
    '  t.epochs_done', '  t.best_epoch', '  t.duration_s', '  t.backend', '  t.warnings', '  t.rung', '  t.error', '  t.idx',
  ];
  return `CREATE VIEW results AS SELECT\n${cols.join(',\n')}\nFROM trials t JOIN sweeps s ON s.id = t.sweep_id`;
}

/** The SQL of the `epoch_results` view: sweep, trial, epoch, a column per per-epoch metric, seconds. */
export function epochResultsViewSql(metrics: readonly string[]): string {
  const cols = [
    '  s.name AS sweep', '  e.trial_id', '  e.epoch',
    ...metrics.map((m) => valueExpr('epoch_values', m, m, true)),
    '  e.seconds',
  ];
  return `CREATE VIEW epoch_results AS SELECT\n${cols.join(',\n')}\nFROM epochs e JOIN trials t ON t.id = e.trial_id JOIN sweeps s ON s.id = t.sweep_id`;
}

/** Every registered metric, then the other names stored, sorted. */
function viewMetrics(db: BetterSqlite3.Database, table: 'trial_values' | 'epoch_values', registered: readonly string[]): string[] {
  const scope = table === 'trial_values' ? 'trial' : 'epoch';
  const stored = (db.prepare('SELECT name FROM stored_metrics WHERE scope = ? ORDER BY name').all(scope) as { name: string }[])
    .map((r) => r.name);
  const known = new Set(registered);
  return [...registered, ...stored.filter((n) => !known.has(n) && /^[a-z][a-z0-9_]*$/.test(n))];
}

/** Drops and recreates both views from `param_columns` and the metric names. Call inside a write transaction. */
export function rebuildResultsView(db: BetterSqlite3.Database): void {
  const params = db.prepare('SELECT name, column_name FROM param_columns ORDER BY name').all() as ColumnRow[];
  db.exec('DROP VIEW IF EXISTS results');
  db.exec(resultsViewSql(params, viewMetrics(db, 'trial_values', metricNames())));
  db.exec('DROP VIEW IF EXISTS epoch_results');
  db.exec(epochResultsViewSql(viewMetrics(db, 'epoch_values', epochMetricNames())));
}

/**
 * True when both views exist and show every metric this process knows and every metric
 * stored (a metric registered or stored since they were built means a rebuild).
 */
export function resultsViewCurrent(db: BetterSqlite3.Database): boolean {
  const views = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'view' AND name IN ('results', 'epoch_results')").all();
  if (views.length < 2) return false;
  const has = (view: string, col: string) => (db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = ?`).get(view, col) !== undefined);
  return viewMetrics(db, 'trial_values', metricNames()).every((m) => has('results', m) || has('results', `metric_${m}`))
    && viewMetrics(db, 'epoch_values', epochMetricNames()).every((m) => has('epoch_results', m));
}


function sqlString(s: string): string {
  return `'${s.replace(/'/g, "''")}'`;
}

function sqlIdent(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}
