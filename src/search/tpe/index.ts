/**
 * TPE, the pure algorithm (no fs, clock or Math.random; imports core/ only): search
 * domains, observations and options in, one proposal out. The sampler that wires it into a
 * sweep maps spec distributions to SearchDomain and trial records to Observation.
 */
export { proposeTpe } from './propose-tpe.js';
export type { SearchDomain, NumericDomain } from './search-domain.js';
export { checkDomain, isInDomain, snapToDomain } from './search-domain.js';
export type { Observation } from './observation.js';
export { TPE_DEFAULTS, resolveTpeOptions, type Goal, type TpeOptions } from './tpe-options.js';
export { defaultGamma, defaultWeights } from './tpe-weights.js';
export { rankObservations, splitObservations, type ObservationSplit } from './split-observations.js';
export { sampleUniform, sampleUniformValue } from './sample-uniform.js';
export { buildParzenEstimator, parzenLogPdf, sampleParzen, type ParzenEstimator, type ParzenSettings } from './parzen-estimator.js';
export { truncNormLogPdf, truncNormLogBinMass, truncNormQuantile } from './truncated-normal.js';
export { TpeError, type TpeErrorCode } from './tpe-error.js';
