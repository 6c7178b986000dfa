import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type BetterSqlite3 from 'better-sqlite3';
import { StoreError } from '../../errors.js';

/**
 * Numbered SQL migrations (`src/storage/sqlite/migrations/000001.sql`, ...). Version N of the
 * schema is "files 1..N applied"; the version lives in PRAGMA user_version. The .sql
 * files are read at run time from the package's `src/` folder (the build is plain tsc,
 * which does not copy them; the package ships `src/`).
 */

export interface Migration {
  version: number;
  file: string;
  sql: string;
}

/** PRAGMA application_id of a tfsweep database: the bytes 'tfsw'. Set by migration 1. */
export const TFSWEEP_APPLICATION_ID = 0x74667377;

const MIGRATION_FILE = /^(\d{6})\.sql$/;

/** The migrations folder, found by walking up from this module to the package root. */
export function migrationsDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'src', 'storage', 'sqlite', 'migrations');
    if (existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir) throw new StoreError('E_NO_MIGRATIONS', `cannot find src/storage/sqlite/migrations above ${fileURLToPath(import.meta.url)}`);
    dir = up;
  }
}

let cached: Migration[] | null = null;

/** Every migration, in order. Numbering must run 1, 2, 3... without gaps. */
export function loadMigrations(dir?: string): Migration[] {
  if (!dir && cached) return cached;
  const folder = dir ?? migrationsDir();
  const files = readdirSync(folder).filter((f) => MIGRATION_FILE.test(f)).sort();
  const out = files.map((file, i) => {
    const version = Number(MIGRATION_FILE.exec(file)![1]);
    if (version !== i + 1) {
      throw new StoreError('E_NO_MIGRATIONS', `migration ${file} in ${folder}: expected ${String(i + 1).padStart(6, '0')}.sql (no gaps)`);
    }
    return { version, file, sql: readFileSync(join(folder, file), 'utf8') };
  });
  if (!dir) cached = out;
  return out;
}

export function schemaVersion(db: BetterSqlite3.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Refuses a file this code must not touch: another application's database, or a
 * tfsweep schema newer than the newest migration known here.
 */
export function checkSchema(db: BetterSqlite3.Database, path: string, latest: number): number {
  const appId = db.pragma('application_id', { simple: true }) as number;
  const version = schemaVersion(db);
  if (appId !== 0 && appId !== TFSWEEP_APPLICATION_ID) {
    throw new StoreError('E_NOT_TFSWEEP_DB', `${path} is not a tfsweep results database (application_id ${appId})`);
  }
  if (appId === 0 && version === 0) {
    const n = db.prepare("SELECT count(*) AS n FROM sqlite_schema WHERE name NOT LIKE 'sqlite_%'").get() as { n: number };
    if (n.n > 0) throw new StoreError('E_NOT_TFSWEEP_DB', `${path} is not a tfsweep results database (it holds other tables)`);
  }
  if (version > latest) {
    throw new StoreError(
      'E_SCHEMA_NEWER',
      `${path} has schema version ${version}, newer than this tfsweep knows (${latest}); upgrade tfsweep to open it`,
    );
  }
  return version;
}

/**
 * Applies every migration the database lacks, all in one IMMEDIATE transaction (so two
 * processes opening a fresh file do not both migrate it). Returns the versions before
 * and after; equal when nothing was applied.
 */
export function migrate(
  db: BetterSqlite3.Database,
  path: string,
  migrations: Migration[] = loadMigrations(),
): { from: number; to: number } {
  const latest = migrations.length;
  const from = checkSchema(db, path, latest);
  if (from === latest) return { from, to: from };
  return db.transaction(() => {
    const current = checkSchema(db, path, latest);
    for (const m of migrations.slice(current)) {
      try {
        db.exec(m.sql);
      } catch (e) {
        throw new StoreError('E_MIGRATION', `migration ${m.file} failed on ${path}: ${(e as Error).message}`, { cause: e });
      }
      db.pragma(`user_version = ${m.version}`);
    }
    return { from: current, to: latest };
  }).immediate();
}
