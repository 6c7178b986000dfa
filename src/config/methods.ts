import { z } from 'zod';
import { expectationMessage } from './schema-helpers.js';
import { didYouMean } from './suggest.js';

/**
 * The search methods tfsweep plans. `bayes` (W&B's name) and `tpe` are one method: a
 * Tree-structured Parzen Estimator (search/tpe-sampler.ts), not W&B's Gaussian process.
 */
export const METHODS = ['grid', 'random', 'bayes', 'tpe'] as const;
export type Method = (typeof METHODS)[number];

/**
 * Methods W&B Sweeps has that tfsweep does not (yet), each with what to use instead. This
 * is the one place to edit when one arrives: add it to METHODS and drop its line here.
 */
export const UNAVAILABLE_METHODS: Readonly<Record<string, string>> = {
  custom: "custom (W&B's hook for an outside optimizer) is not available: use method: grid, or random with run_cap",
};

/** `method:` with a message that says what to do for W&B's other methods. */
export function methodSchema() {
  const what = `one of ${METHODS.join(', ')}`;
  return z.enum(METHODS, {
    error: (iss: { input?: unknown }) => {
      const input = iss.input;
      if (typeof input === 'string' && Object.prototype.hasOwnProperty.call(UNAVAILABLE_METHODS, input)) return UNAVAILABLE_METHODS[input];
      return `${expectationMessage(what, input)}${typeof input === 'string' ? didYouMean(input, METHODS) : ''}`;
    },
  });
}
