import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { TfsweepError } from '../../errors.js';
import type { QueryReply, QueryRequest } from './query-messages.js';
import type { RowSet } from '../../core/row-set.js';
import { READ_ONLY_HINT, sqlRefusal } from './sql-guard.js';

const QUERY_PROCESS = fileURLToPath(new URL('./query-process.js', import.meta.url));

/**
 * Runs a user's statement in a separate process (query-process.ts) and waits at most
 * `timeoutS` seconds: past it the process is killed (SIGKILL) and a TfsweepError
 * `E_QUERY_TIMEOUT` is thrown. A read-only SQLite reader in WAL mode never blocks the
 * writer, so a runaway query does not stall a sweep writing to the same file. Refused
 * SQL is rejected here already, without starting a process (exit 2). SIGINT or SIGTERM
 * kills the query process before this one ends (exit 130 / 143).
 */
export function runQuery(req: QueryRequest, timeoutS: number): Promise<RowSet> {
  const refusal = sqlRefusal(req.sql);
  if (refusal) {
    return Promise.reject(new TfsweepError(
      'E_SQL_REFUSED', `refused: ${refusal}. ${READ_ONLY_HINT}; nothing was run and the database is unchanged.`, 2,
    ));
  }
  return new Promise((resolve, reject) => {
    const child = fork(QUERY_PROCESS, [], { serialization: 'advanced', stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: [] });
    let stderr = '';
    let reply: QueryReply | null = null;
    let timedOut = false;
    child.stderr?.on('data', (d) => (stderr += d));
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutS * 1000);
    let signal: 'SIGINT' | 'SIGTERM' | null = null;
    const onSignal = (s: 'SIGINT' | 'SIGTERM') => {
      signal = s;
      child.kill('SIGKILL');
    };
    const onInt = () => onSignal('SIGINT');
    const onTerm = () => onSignal('SIGTERM');
    process.once('SIGINT', onInt);
    process.once('SIGTERM', onTerm);
    const cleanup = () => {
      clearTimeout(timer);
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
    };
    child.on('message', (m) => (reply = m as QueryReply));
    child.on('error', (e) => {
      cleanup();
      reject(new TfsweepError('E_QUERY', `cannot start the query process: ${e.message}`, 1, { cause: e }));
    });
    // 'close' (not 'exit'): every IPC message and stderr byte has arrived by then.
    child.on('close', (code, exitSignal) => {
      cleanup();
      const r = reply as QueryReply | null;
      if (signal) reject(new TfsweepError('E_INTERRUPTED', `query interrupted by ${signal}; nothing was changed`, signal === 'SIGINT' ? 130 : 143));
      else if (r?.ok) resolve({ columns: r.columns, rows: r.rows });
      else if (r) reject(new TfsweepError(r.code, r.message, r.exitCode));
      else if (timedOut) {
        reject(new TfsweepError(
          'E_QUERY_TIMEOUT', `query stopped after ${timeoutS} s (--timeout ${timeoutS}); nothing was changed`, 1,
        ));
      } else {
        reject(new TfsweepError('E_QUERY', `the query process ended without an answer (${exitSignal ?? `exit ${code}`}): ${stderr.trim()}`, 1));
      }
    });
    child.send({ ...req, timeoutMs: timeoutS * 1000 } satisfies QueryRequest);
  });
}
