import type { TrialOutcome } from './types.js';

/** Thrown inside a trial's loop to end it early with a status other than completed. */
export class TrialStop {
  constructor(readonly status: Exclude<TrialOutcome, 'completed'>, readonly reason: string) {}
}
