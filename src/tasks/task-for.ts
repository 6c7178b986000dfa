import type { PlannedTrial } from '../planner/trial.js';
import { regression } from './regression.js';
import type { Task } from './task.js';

/**
 * The task a trial trains for. Regression is the only one so far; when classification
 * comes, the trial (its data's target kind or its loss) will say which.
 */
export function taskFor(_trial: Pick<PlannedTrial, 'train' | 'data'>): Task {
  return regression;
}
