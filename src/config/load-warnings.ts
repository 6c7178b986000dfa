import { formatParamValue } from './format-param.js';
import { rangeLimits } from './distributions.js';
import { WANDB_ONLY_KEYS } from './spec-schema.js';
import type { SpecIssue } from './spec-issue.js';
import type { SweepSpec } from './types.js';

/**
 * What the loader accepts but should mention (load-spec.ts locates these and hands them
 * back as LoadedSpec.warnings):
 * - the W&B-only top-level keys present, in one warning at the first of them;
 * - log_uniform, q_log_uniform or inv_log_uniform with both bounds in (0, 1]: W&B's old
 *   forms read min and max as natural-log exponents, and bounds like 0.0001..0.1 are almost
 *   surely values meant for the `_values` form (they would draw 1.0001..1.105).
 */
export function loadWarnings(raw: Record<string, unknown>, spec: SweepSpec): SpecIssue[] {
  const out: SpecIssue[] = [];
  const present = Object.keys(WANDB_ONLY_KEYS).filter((k) => raw[k] !== undefined);
  if (present.length > 0) {
    out.push({
      path: [present[0]],
      atKey: true,
      message: `W&B-only ${present.length === 1 ? 'key' : 'keys'} ${present.join(', ')} accepted and ignored ` +
        '(tfsweep trains in process, with nothing to launch, and keeps its results in its own database, not a W&B project)',
    });
  }
  for (const [name, p] of Object.entries(spec.parameters)) {
    if (p.kind !== 'distribution' || !['log_uniform', 'q_log_uniform', 'inv_log_uniform'].includes(p.distribution)) continue;
    if (!(p.min > 0 && p.max <= 1)) continue;
    const { lo, hi } = rangeLimits(p.distribution, p.min, p.max);
    out.push({
      path: ['parameters', name, 'distribution'],
      message: `${p.distribution} reads min and max as natural-log exponents, so it draws between ${formatParamValue(lo)} and ${formatParamValue(hi)}; ` +
        `for values between ${formatParamValue(p.min)} and ${formatParamValue(p.max)} use ${p.distribution}_values`,
    });
  }
  return out;
}
