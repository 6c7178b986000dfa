import type { Cell } from '../../core/row-set.js';

/** What `tfsweep query` sends to its query process. */
export interface QueryRequest {
  dbPath: string;
  sql: string;
  /** The parent's timeout: the query process's watchdog kills it a grace period after this. */
  timeoutMs?: number;
}

/** The query process's one answer: rows, or an error as a plain object (code, message, exit code). */
export type QueryReply =
  | { ok: true; columns: string[]; rows: Cell[][] }
  | { ok: false; code: string; message: string; exitCode: number };
