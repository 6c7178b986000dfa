import { readFileSync } from 'node:fs';
import os from 'node:os';

/**
 * Who owns a sweep: a pid, the host it runs on, and a token for that process's start,
 * so that a pid reused by an unrelated process (after a reboot, or in a new container)
 * is not taken for a live owner.
 */
export interface Owner {
  pid: number;
  host: string;
  /** Opaque start token, null where it cannot be read (non-Linux). */
  start: string | null;
}

export function thisHost(): string {
  return os.hostname();
}

let bootId: string | null | undefined;

/** Linux: `<boot id>:<start tick>` from /proc; null elsewhere or when the pid is gone. */
export function processStartToken(pid: number): string | null {
  if (process.platform !== 'linux') return null;
  try {
    if (bootId === undefined) bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces and parentheses) start at
    // field 3 (state); starttime is field 22.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[22 - 3];
    return start ? `${bootId}:${start}` : null;
  } catch {
    return null;
  }
}

export function ownerFor(pid: number): Owner {
  return { pid, host: thisHost(), start: processStartToken(pid) };
}

/** True when the pid names a process that exists (including one we may not signal). */
export function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export type OwnerState = 'alive' | 'dead' | 'unknown';

/**
 * Whether a recorded owner still runs. `unknown` for another host (its processes cannot
 * be seen from here). A pid that exists but started at another time than recorded is a
 * reused pid: dead.
 */
export function ownerState(owner: Owner): OwnerState {
  if (owner.host !== thisHost()) return 'unknown';
  if (!pidExists(owner.pid)) return 'dead';
  if (owner.start !== null) {
    const now = processStartToken(owner.pid);
    if (now !== null && now !== owner.start) return 'dead';
  }
  return 'alive';
}

/** The StoreError message for a sweep another process holds. */
export function busyMessage(sweep: { id: number; name: string; last_run_at: string | null }, owner: Owner, state: OwnerState): string {
  const since = sweep.last_run_at ? ` since ${sweep.last_run_at}` : '';
  if (state === 'unknown') {
    return `sweep '${sweep.name}' is owned by process ${owner.pid} on host ${owner.host}${since}, which cannot be checked from ${thisHost()}. `
      + `If that process is gone, release the sweep with: UPDATE sweeps SET owner_pid = NULL, owner_host = NULL WHERE id = ${sweep.id}`;
  }
  return `sweep '${sweep.name}' is being run by process ${owner.pid} on this host${since}; wait for it to finish or stop it first`;
}
