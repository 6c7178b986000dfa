/**
 * The seam through which early termination decides. The runner asks a pruner which
 * epochs are decision points for a trial (the worker pauses there and asks), reports
 * each trial's metric at those epochs, and tells it when a trial starts and ends.
 * Trials are identified by their plan index.
 */
export interface Pruner {
  /** Epochs (1-based) at which the trial must ask before going on; [] = never. */
  rungsFor(idx: number, epochs: number): number[];
  /** The trial is being trained now (its rung results are worth waiting for). */
  started(idx: number): void;
  /**
   * The trial reached `epoch` (one of its rungs) with `value` of the sweep metric
   * (null when it has none). Resolves 'stop' to end it as `pruned`.
   */
  decide(idx: number, epoch: number, value: number | null): Promise<'continue' | 'stop'>;
  /** The trial will report no more rungs in this run (finished, failed, stopped, requeued). */
  settled(idx: number): void;
}

/** No early termination: every trial trains to its own epoch count. */
export const noPruner: Pruner = {
  rungsFor: () => [],
  started: () => {},
  decide: async () => 'continue',
  settled: () => {},
};
