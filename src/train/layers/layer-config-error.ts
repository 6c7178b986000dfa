import { TfsweepError } from '../../errors.js';
import { formatPath, type PathSegment } from '../../config/spec-issue.js';

/** One problem with a layer of a spec's list, by where it is below `model.layers[layer]`. */
export interface LayerIssue {
  /** The top-level index in model.layers. */
  layer: number;
  /** Below the layer: [] for the layer itself, ['kernel_size'], ['layer', 'units'] for a nested one. */
  path: PathSegment[];
  message: string;
  /** Point at the key itself (an unknown option) rather than its value. */
  atKey?: boolean;
}

/**
 * A layer list TensorFlow.js cannot build as written: an unknown type or option, a value it
 * refuses, a layer that does not fit the one before. Every issue is located below
 * `model.layers`, so the plan-time check (runner/preflight-layers.ts) can point into the
 * spec; a trial that meets one anyway fails with the same words. Exit 2: the spec's fault.
 */
export class LayerConfigError extends TfsweepError {
  readonly issues: LayerIssue[];
  constructor(issues: LayerIssue[]) {
    super('E_LAYER', issues.map((i) => `${formatPath(['model', 'layers', i.layer, ...i.path])}: ${i.message}`).join('; '), 2);
    this.issues = issues;
  }
}

/** The issues of one layer, with paths relative to it; `LayerConfigError` once its index is known. */
export class LayerOptionError extends Error {
  constructor(readonly path: PathSegment[], message: string, readonly atKey = false) {
    super(message);
    this.name = 'LayerOptionError';
  }
}
