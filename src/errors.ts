/**
 * The error hierarchy. Every error tfsweep raises on purpose carries a stable `code`
 * (relied on by tests and scripts) and the process exit code the CLI uses for it.
 * Anything else that escapes is an infrastructure bug and exits 1.
 */
export class TfsweepError extends Error {
  readonly code: string;
  readonly exitCode: number;
  constructor(code: string, message: string, exitCode = 1, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
  }
}

/** One located problem in a spec: `file:line:col  path: message`. */
export interface SpecProblem {
  file: string;
  line: number;
  col: number;
  /** Key path such as `parameters.learning_rate.values[2]`; empty for the document root. */
  path: string;
  message: string;
}

export function formatProblem(p: SpecProblem): string {
  return `${p.file}:${p.line}:${p.col}  ${p.path || '(root)'}: ${p.message}`;
}

/** A spec that cannot be used. Lists every problem found, not just the first. Exit 2. */
export class SpecError extends TfsweepError {
  readonly problems: SpecProblem[];
  constructor(problems: SpecProblem[]) {
    super('E_SPEC', problems.map(formatProblem).join('\n'), 2);
    this.problems = problems;
  }
}

/** Bad command-line usage (unknown trial id, bad flag value). Exit 2. */
export class UsageError extends TfsweepError {
  constructor(message: string, code = 'E_USAGE') {
    super(code, message, 2);
  }
}

/** Data that cannot be read or used (ragged row, non-numeric cell, NaN). Exit 2. */
export class DataError extends TfsweepError {
  constructor(message: string, code = 'E_DATA', options?: { cause?: unknown }) {
    super(code, message, 2, options);
  }
}

/** The results database refused something (newer schema, sweep owned by another process). */
export class StoreError extends TfsweepError {
  constructor(code: string, message: string, options?: { cause?: unknown }) {
    // A changed spec is the user's to resolve (--force, or undo the edit): a usage error.
    super(code, message, code === 'E_SPEC_CHANGED' ? 2 : 1, options);
  }
}

/** The user pressed Ctrl-C or the process got SIGTERM. Exit 130 / 143. */
export class InterruptedError extends TfsweepError {
  constructor(signal: 'SIGINT' | 'SIGTERM' = 'SIGINT') {
    super('E_INTERRUPTED', `interrupted by ${signal}; run the same command again to resume`, signal === 'SIGINT' ? 130 : 143);
  }
}

/** Turns any thrown value into a plain object that survives postMessage and JSON. */
export function serializeError(e: unknown): { name: string; message: string; code?: string; stack?: string } {
  if (e instanceof Error) {
    return { name: e.name, message: e.message, code: (e as { code?: string }).code, stack: e.stack };
  }
  return { name: 'Error', message: String(e) };
}
