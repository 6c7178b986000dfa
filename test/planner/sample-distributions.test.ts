import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planSweep } from '../../src/planner/plan-sweep.js';
import { sampleRandom } from '../../src/planner/sample-random.js';
import { makeSpec } from './make-spec.js';

/** `count` draws of the parameters given as YAML, straight from the sampler. */
function draws(parameters: string, count: number, seed = 1): Record<string, unknown>[] {
  const spec = makeSpec(`method: random\nrun_cap: ${count}\nrandom_seed: ${seed}\nparameters:\n${parameters}`);
  return sampleRandom(spec.parameters, count, seed);
}

function moments(xs: number[]): { mean: number; sd: number } {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
  return { mean, sd };
}

describe('random sampling: the W&B distributions', () => {
  it('normal: mean mu and standard deviation sigma over many draws', () => {
    const xs = draws('  data.generate.mean: {distribution: normal, mu: 3, sigma: 2}\n', 20_000).map((a) => a['data.generate.mean'] as number);
    const { mean, sd } = moments(xs);
    assert.ok(Math.abs(mean - 3) < 0.06, `mean ${mean}`);
    assert.ok(Math.abs(sd - 2) < 0.06, `sd ${sd}`);
    const within = xs.filter((x) => Math.abs(x - 3) < 2).length / xs.length;
    assert.ok(Math.abs(within - 0.6827) < 0.015, `P(|X - mu| < sigma) = ${within}`);
  });

  it('normal defaults to mu 0, sigma 1, as in W&B', () => {
    const { mean, sd } = moments(draws('  data.generate.mean: {distribution: normal}\n', 10_000).map((a) => a['data.generate.mean'] as number));
    assert.ok(Math.abs(mean) < 0.05 && Math.abs(sd - 1) < 0.05, `${mean} ${sd}`);
  });

  it('log_normal: the log of the draws is normal(mu, sigma); every draw positive', () => {
    const xs = draws('  learning_rate: {distribution: log_normal, mu: -5, sigma: 1.5}\n', 10_000).map((a) => a.learning_rate as number);
    assert.ok(xs.every((x) => x > 0));
    const { mean, sd } = moments(xs.map(Math.log));
    assert.ok(Math.abs(mean - -5) < 0.06 && Math.abs(sd - 1.5) < 0.06, `${mean} ${sd}`);
  });

  it('q_normal and q_log_normal: multiples of q; a whole q gives whole numbers', () => {
    const a = draws('  batch_size: {distribution: q_normal, mu: 64, sigma: 4, q: 8}\n  momentum: {distribution: uniform, min: 0, max: 0.5}\n', 2000);
    assert.ok(a.every((t) => Number.isInteger(t.batch_size) && (t.batch_size as number) % 8 === 0));
    const m = moments(a.map((t) => t.batch_size as number));
    assert.ok(Math.abs(m.mean - 64) < 0.6, `${m.mean}`);
    const b = draws('  epochs: {distribution: q_log_normal, mu: 2, sigma: 0.2}\n  momentum: {distribution: uniform, min: 0, max: 0.5}\n', 2000);
    assert.ok(b.every((t) => Number.isInteger(t.epochs) && (t.epochs as number) >= 1), 'q defaults to 1: whole epochs');
    const c = draws('  data.generate.mean: {distribution: q_normal, mu: 0, sigma: 1, q: 0.25}\n', 500);
    assert.ok(c.every((t) => Number.isInteger((t['data.generate.mean'] as number) * 4)));
  });

  it('log_uniform: min and max are exponents; the log of the draws is uniform on [min, max]', () => {
    const xs = draws('  learning_rate: {distribution: log_uniform, min: -9, max: -2}\n', 5000).map((a) => Math.log(a.learning_rate as number));
    assert.ok(Math.min(...xs) >= -9 - 1e-9 && Math.max(...xs) <= -2 + 1e-9);
    assert.ok(Math.abs(moments(xs).mean - -5.5) < 0.1);
    const quarters = [0, 0, 0, 0];
    for (const x of xs) quarters[Math.min(3, Math.floor(((x + 9) / 7) * 4))]++;
    for (const n of quarters) assert.ok(n > 1100 && n < 1400, `${quarters.join(' ')}`);
  });

  it('log_uniform_values, inv_log_uniform_values, q_log_uniform_values span decades evenly', () => {
    for (const d of ['log_uniform_values', 'inv_log_uniform_values']) {
      const xs = draws(`  learning_rate: {distribution: ${d}, min: 0.0001, max: 0.1}\n`, 3000).map((a) => a.learning_rate as number);
      const decades = [0, 0, 0];
      for (const x of xs) decades[Math.min(2, Math.floor(Math.log10(x) + 4))]++;
      for (const n of decades) assert.ok(n > 850 && n < 1150, `${d}: ${decades.join(' ')}`);
      assert.ok(xs.every((x) => x >= 0.0001 && x <= 0.1));
    }
    const q = draws('  batch_size: {distribution: q_log_uniform_values, min: 8, max: 512, q: 8}\n  momentum: {distribution: uniform, min: 0, max: 0.5}\n', 1000);
    assert.ok(q.every((t) => (t.batch_size as number) % 8 === 0 && (t.batch_size as number) >= 8 && (t.batch_size as number) <= 512));
  });

  it('inv_log_uniform: log(1/X) uniform on [min, max]', () => {
    const xs = draws('  learning_rate: {distribution: inv_log_uniform, min: 2, max: 9}\n', 4000).map((a) => Math.log(1 / (a.learning_rate as number)));
    assert.ok(Math.min(...xs) >= 2 - 1e-9 && Math.max(...xs) <= 9 + 1e-9);
    assert.ok(Math.abs(moments(xs).mean - 5.5) < 0.1);
  });

  it('probabilities: values come up in proportion, a zero weight never', () => {
    const a = draws('  optimizer: {values: [sgd, adam, rmsprop], probabilities: [0.7, 0.3, 0]}\n  momentum: {distribution: uniform, min: 0, max: 0.5}\n', 10_000);
    const share = (v: string) => a.filter((t) => t.optimizer === v).length / a.length;
    assert.ok(Math.abs(share('sgd') - 0.7) < 0.02, `${share('sgd')}`);
    assert.ok(Math.abs(share('adam') - 0.3) < 0.02);
    assert.equal(share('rmsprop'), 0);
    const c = draws('  loss: {distribution: categorical, values: [mse, mae], probabilities: [0.1, 0.9]}\n  momentum: {distribution: uniform, min: 0, max: 0.5}\n', 5000);
    const mae = c.filter((t) => t.loss === 'mae').length / c.length;
    assert.ok(Math.abs(mae - 0.9) < 0.02, `${mae}`);
  });

  it('a discrete space counts only values that can come up', () => {
    const a = draws('  optimizer: {values: [sgd, adam, rmsprop], probabilities: [0.5, 0.5, 0]}\n', 10);
    assert.deepEqual(a.map((t) => t.optimizer).sort(), ['adam', 'sgd']);
  });

  it('is seeded: same seed, same draws; another seed, others', () => {
    const spec = `  data.generate.mean: {distribution: q_normal, mu: 1, sigma: 3, q: 0.5}
  learning_rate: {distribution: log_normal, mu: -6, sigma: 1}
  batch_size: {distribution: q_log_uniform_values, min: 8, max: 256, q: 8}
  optimizer: {values: [sgd, adam], probabilities: [0.25, 0.75]}
  momentum: {distribution: inv_log_uniform_values, min: 0.1, max: 0.99}
`;
    assert.deepEqual(draws(spec, 50, 7), draws(spec, 50, 7));
    assert.notDeepEqual(draws(spec, 50, 7), draws(spec, 50, 8));
  });
});

describe('the draws of the first distributions are pinned', () => {
  it('uniform, log_uniform_values, int_uniform, q_uniform, categorical and values draw what they drew before', () => {
    const trials = planSweep(makeSpec(`method: random
run_cap: 6
random_seed: 3
parameters:
  learning_rate: {distribution: log_uniform_values, min: 0.0001, max: 0.1}
  momentum: {distribution: uniform, min: 0.5, max: 0.9}
  epochs: {distribution: int_uniform, min: 2, max: 5}
  batch_size: {distribution: q_uniform, min: 8, max: 40, q: 8}
  optimizer: {distribution: categorical, values: [sgd, adam]}
  normalization: {values: [none, sample, feature]}
  data.generate.std: {distribution: q_uniform, min: 0.5, max: 3.7, q: 0.3}
`));
    const row = (i: number) => {
      const p = trials[i].params;
      return [p.learning_rate, p.momentum, p.epochs, p.batch_size, p.optimizer, p.normalization, p['data.generate.std']];
    };
    // Recorded with the sampler as it was before the W&B distributions were added.
    assert.deepEqual(row(0), [0.002535092815, 0.828964167, 5, 24, 'sgd', 'none', 2.4]);
    assert.deepEqual(row(1), [0.01517488391, 0.7474888735, 2, 16, 'adam', 'feature', 2.7]);
    assert.deepEqual(row(2), [0.01629491385, 0.5493456139, 5, 32, 'adam', 'sample', 0.9]);
    assert.deepEqual(row(3), [0.0004406428054, 0.6107543829, 5, 24, 'adam', 'sample', 3.3]);
    assert.deepEqual(row(4), [0.0007784157316, 0.5658392072, 4, 24, 'sgd', 'feature', 2.7]);
    assert.deepEqual(row(5), [0.0001903756185, 0.6897160748, 3, 32, 'adam', 'none', 1.5]);
    assert.deepEqual(trials.map((t) => t.key), ['88379b7bbee72dcd', '5786d22e5f2facde', 'adda3fe1d468af46', 'f3bd3788327b36b5', '2fd0dde0485252a9', '25b09cba884d71af']);
  });
});
