-- tfsweep results schema, version 1. Released migrations are never edited: a change is
-- a new numbered file. Applied in one transaction by src/store/migrations.ts, which also
-- sets PRAGMA user_version to the number of the last file applied.
--
-- The `results` view is not created here: its parameter columns depend on the sweeps
-- stored, so src/store/results-view.ts generates it from `param_columns` after the
-- migrations and whenever a sweep brings a parameter the view does not have yet.

-- 'tfsw': marks the file as a tfsweep database (another application's file is refused).
PRAGMA application_id = 1952871287;

CREATE TABLE sweeps (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  spec_yaml   TEXT NOT NULL,
  spec_hash   TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'running'
              CHECK (status IN ('running', 'completed', 'interrupted', 'failed')),
  created_at  TEXT NOT NULL,              -- ISO-8601 UTC
  updated_at  TEXT NOT NULL,
  last_run_at TEXT,
  metric_name TEXT NOT NULL,
  metric_goal TEXT NOT NULL CHECK (metric_goal IN ('maximize', 'minimize')),
  -- The one process running the sweep now; NULL when released. owner_start identifies
  -- that process's start (boot id + start tick on Linux) so a reused pid is not
  -- mistaken for the owner.
  owner_pid   INTEGER,
  owner_host  TEXT,
  owner_start TEXT
);

CREATE TABLE trials (
  id               INTEGER PRIMARY KEY,
  sweep_id         INTEGER NOT NULL REFERENCES sweeps (id) ON DELETE CASCADE,
  trial_key        TEXT NOT NULL,         -- same params + data + model => same key, in any sweep
  idx              INTEGER NOT NULL,      -- position in the sweep's plan
  params_json      TEXT NOT NULL,         -- canonical params, sorted keys
  params_text_json TEXT NOT NULL,         -- param -> compact text (`l1=1e-05`, `none`)
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'running', 'completed', 'failed', 'diverged',
                                     'timeout', 'interrupted', 'pruned')),
  attempt          INTEGER NOT NULL DEFAULT 0,
  backend          TEXT,
  started_at       TEXT,
  finished_at      TEXT,
  duration_s       REAL,
  epochs_done      INTEGER NOT NULL DEFAULT 0,
  best_epoch       INTEGER,
  error            TEXT,
  warnings         TEXT NOT NULL DEFAULT '',  -- comma-separated codes, e.g. `loss_at_variance`
  loss             REAL,
  val_loss         REAL,
  val_mse          REAL,
  val_mae          REAL,
  val_r2           REAL,
  val_nmse         REAL,
  val_corr         REAL,
  identity_hits    INTEGER,               -- a count; INTEGER affinity keeps it whole
  diag_mean        REAL,
  rung             INTEGER,               -- pruned trials: the epoch count it stopped at
  reused_from      INTEGER REFERENCES trials (id) ON DELETE SET NULL,
  UNIQUE (sweep_id, idx)
);
CREATE INDEX trials_trial_key ON trials (trial_key);
CREATE INDEX trials_sweep_status ON trials (sweep_id, status);

CREATE TABLE epochs (
  trial_id INTEGER NOT NULL REFERENCES trials (id) ON DELETE CASCADE,
  epoch    INTEGER NOT NULL,              -- 1-based
  loss     REAL,
  val_loss REAL,
  val_mse  REAL,
  val_mae  REAL,
  val_r2   REAL,
  val_nmse REAL,
  val_corr REAL,
  seconds  REAL,
  PRIMARY KEY (trial_id, epoch)
) WITHOUT ROWID;

-- The final weights of each completed trial, in TensorFlow.js's format.
CREATE TABLE weights (
  trial_id       INTEGER PRIMARY KEY REFERENCES trials (id) ON DELETE CASCADE,
  model_topology TEXT NOT NULL,           -- JSON: model.json's modelTopology
  weight_specs   TEXT NOT NULL,           -- JSON: [{name, shape, dtype}]
  weight_data    BLOB NOT NULL,           -- weights.bin
  normalization  TEXT NOT NULL            -- JSON: statistics to predict in original units
);

-- Parameter name -> its column in the `results` view (dots become underscores; a name
-- that clashes with a fixed column, such as the `loss` knob, gets a `param_` prefix).
CREATE TABLE param_columns (
  name        TEXT PRIMARY KEY,
  column_name TEXT NOT NULL UNIQUE COLLATE NOCASE
);
