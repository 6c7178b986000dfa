import { denormalizeRows } from '../data/normalization.js';
import { NORMALIZATIONS, REGRESSION_LOSSES as LOSS_NAMES, type Loss } from '../config/types.js';
import { REGRESSION_LOSSES } from './regression-losses.js';
import { REGRESSION_METRIC_NAMES, regressionMetrics } from './regression-metrics.js';
import { encodeRegressionTargets } from './regression-targets.js';
import { regressionWarnings } from './regression-warnings.js';
import type { LossFormula, Task } from './task.js';

/**
 * Regression: real-valued targets, Keras's regression losses (regression-losses.ts),
 * targets normalized like the inputs (regression-targets.ts), scale-aware metrics in the
 * data's units (regression-metrics.ts) and the loss_at_variance warning
 * (regression-warnings.ts).
 */
export const regression: Task = {
  name: 'regression',
  losses: LOSS_NAMES,
  loss(name: Loss): LossFormula {
    const formula = (REGRESSION_LOSSES as Partial<Record<Loss, LossFormula>>)[name];
    if (formula === undefined) throw new Error(`regression has no loss '${name}' (known: ${LOSS_NAMES.join(', ')})`);
    return formula;
  },
  normalizations: NORMALIZATIONS,
  encodeTargets: encodeRegressionTargets,
  decodeTargets: (outputs, cols, firstRow, encoding) => denormalizeRows(outputs, cols, firstRow, encoding),
  metricNames: REGRESSION_METRIC_NAMES,
  metrics: regressionMetrics,
  warnings: regressionWarnings,
};
