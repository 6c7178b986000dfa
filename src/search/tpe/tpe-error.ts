/**
 * The one error this folder raises: a search domain or an option that cannot be used.
 * Observations never throw: a value TPE cannot use counts as missing for its parameter.
 * It has the shape of the project's TfsweepError (a stable `code`, an exit code, a
 * `cause`) without importing it, so the folder depends on `core/` only; the sampler that
 * wires TPE in may rethrow it as a TfsweepError.
 *
 *   E_TPE_DOMAIN   a SearchDomain is malformed (bounds, step, log on a non-positive range)
 *   E_TPE_OPTIONS  a TpeOptions value is out of range, or gamma/weights returned nonsense
 * Both are configuration mistakes: exit 2.
 */
export type TpeErrorCode = 'E_TPE_DOMAIN' | 'E_TPE_OPTIONS';

export class TpeError extends Error {
  readonly code: TpeErrorCode;
  readonly exitCode = 2;
  constructor(code: TpeErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TpeError';
    this.code = code;
  }
}
