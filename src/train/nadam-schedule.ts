/** Keras Nadam's defaults (keras/src/optimizers/nadam.py). */
export const NADAM_BETA_1 = 0.9;
export const NADAM_BETA_2 = 0.999;
/** Base of the momentum schedule's decay: u_t = beta_1 * (1 - 0.5 * 0.96^t). */
const SCHEDULE_DECAY = 0.96;

/** The per-step scalars of Nadam's update, the same for every variable of a step. */
export interface NadamStep {
  /** u_{t+1} / (1 - prod_{i<=t+1} u_i): the weight of the updated first moment in m_hat. */
  momentScale: number;
  /** (1 - u_t) / (1 - prod_{i<=t} u_i): the weight of the gradient in m_hat. */
  gradientScale: number;
  /** 1 - beta_2^t: v_hat = v / this. */
  velocityBias: number;
}

/**
 * Keras 3 Nadam's momentum schedule, step after step: Keras keeps the running product
 * u_product (a variable updated once per step before the variables' updates) and computes
 *   u_t = beta_1 (1 - 0.5 * 0.96^t),  u_{t+1} likewise,  t = iterations + 1
 *   m_hat = u_{t+1} m / (1 - u_product * u_{t+1}) + (1 - u_t) g / (1 - u_product)
 *   v_hat = v / (1 - beta_2^t)
 * Keras 3 uses 0.96^t; Keras 2's legacy Nadam (optimizer_v2) used 0.96^(0.004 t), not
 * followed here. The scalars are computed in float64, once per step, by every engine
 * (solo, wide, stacked) from this one class, so all of them use the same values.
 */
export class NadamSchedule {
  private t = 0;
  private uProduct = 1;

  /** Advances to the next step and returns its scalars. */
  next(): NadamStep {
    this.t += 1;
    const t = this.t;
    const uT = NADAM_BETA_1 * (1 - 0.5 * SCHEDULE_DECAY ** t);
    const uNext = NADAM_BETA_1 * (1 - 0.5 * SCHEDULE_DECAY ** (t + 1));
    this.uProduct *= uT;
    return {
      momentScale: uNext / (1 - this.uProduct * uNext),
      gradientScale: (1 - uT) / (1 - this.uProduct),
      velocityBias: 1 - NADAM_BETA_2 ** t,
    };
  }
}
