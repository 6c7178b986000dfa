/**
 * Seconds per epoch of a small CNN, trained with model.fit on the wasm backend (with the
 * gradient kernels of src/train/wasm-kernels/, registered by loadBackend) and on the cpu
 * backend: conv2d 16 filters 3x3 relu, max_pooling2d 2, flatten, dense 10 softmax;
 * categorical cross-entropy, adam 0.001, batch 32, shuffled, 1,258 images of 8x8x1.
 * The images are the UCI digits if sweeps/data/digits.csv exists (64 pixel columns and a
 * `digit` label column, pixels 0..16), else seeded random pixels with random labels.
 * The first epoch (which also compiles and warms up) is printed apart from the mean of
 * the others. Usage: node dist/bench/wasm-cnn.js [wasm epochs = 40] [cpu epochs = 3]
 */
import * as tf from '@tensorflow/tfjs';
import { existsSync, readFileSync } from 'node:fs';
import { createPrng } from '../src/core/prng.js';
import { loadBackend } from '../src/train/load-backend.js';

const ROWS = 1258;
const SIDE = 8;
const CLASSES = 10;
const WASM_EPOCHS = Number(process.argv[2] ?? 40);
const CPU_EPOCHS = Number(process.argv[3] ?? 3);
const DIGITS = new URL('../../sweeps/data/digits.csv', import.meta.url);

interface Images { pixels: Float32Array; labels: Int32Array; rows: number; source: string }

/** The UCI digits (pixels scaled to [0, 1]) when the file is there, else seeded random images. */
function loadImages(): Images {
  if (existsSync(DIGITS)) {
    const [head, ...lines] = readFileSync(DIGITS, 'utf8').trim().split(/\r?\n/);
    const cols = head.split(',').map((c) => c.trim());
    const label = cols.indexOf('digit');
    if (label < 0 || cols.length !== SIDE * SIDE + 1) throw new Error(`${DIGITS.pathname}: expected 64 pixel columns and a digit column`);
    const pixels = new Float32Array(lines.length * SIDE * SIDE);
    const labels = new Int32Array(lines.length);
    lines.forEach((line, r) => {
      let p = 0;
      line.split(',').forEach((v, c) => {
        if (c === label) labels[r] = Number(v);
        else pixels[r * SIDE * SIDE + p++] = Number(v) / 16;
      });
    });
    return { pixels, labels, rows: lines.length, source: 'UCI digits (sweeps/data/digits.csv)' };
  }
  const rng = createPrng(1258);
  const pixels = Float32Array.from({ length: ROWS * SIDE * SIDE }, () => rng.nextFloat());
  const labels = Int32Array.from({ length: ROWS }, () => rng.nextInt(CLASSES));
  return { pixels, labels, rows: ROWS, source: 'seeded random images' };
}

function buildCnn(): tf.Sequential {
  const model = tf.sequential();
  model.add(tf.layers.conv2d({ inputShape: [SIDE, SIDE, 1], filters: 16, kernelSize: 3, activation: 'relu', kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }) }));
  model.add(tf.layers.maxPooling2d({ poolSize: 2 }));
  model.add(tf.layers.flatten());
  model.add(tf.layers.dense({ units: CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }) }));
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  return model;
}

interface Run { backend: string; epochs: number[]; loss: number; accuracy: number }

async function train(backend: 'wasm' | 'cpu', images: Images, epochs: number): Promise<Run> {
  const name = await loadBackend(backend);
  const x = tf.tensor4d(images.pixels, [images.rows, SIDE, SIDE, 1]);
  const y = tf.tidy(() => tf.oneHot(tf.tensor1d(images.labels, 'int32'), CLASSES).toFloat());
  const model = buildCnn();
  const seconds: number[] = [];
  let t0 = performance.now();
  const h = await model.fit(x, y, {
    epochs, batchSize: 32, shuffle: true, verbose: 0,
    callbacks: { onEpochEnd: async () => { const t = performance.now(); seconds.push((t - t0) / 1000); t0 = t; } },
  });
  model.dispose();
  tf.dispose([x, y]);
  const last = (k: string): number => Number(h.history[k].at(-1));
  return { backend: name, epochs: seconds, loss: last('loss'), accuracy: last('acc') };
}

const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;

function report(r: Run): number {
  const rest = r.epochs.slice(1);
  const perEpoch = rest.length > 0 ? mean(rest) : r.epochs[0];
  const total = r.epochs.reduce((a, b) => a + b, 0);
  console.log(`${r.backend.padEnd(5)} ${r.epochs.length} epochs in ${total.toFixed(2)} s: first ${r.epochs[0].toFixed(3)} s, then ${perEpoch.toFixed(3)} s/epoch; final loss ${r.loss.toFixed(4)}, accuracy ${r.accuracy.toFixed(3)}`);
  return perEpoch;
}

const images = loadImages();
console.log(`${images.rows} images of ${SIDE}x${SIDE}x1, ${CLASSES} classes: ${images.source}`);
const wasm = report(await train('wasm', images, WASM_EPOCHS));
const cpu = report(await train('cpu', images, CPU_EPOCHS));
console.log(`cpu / wasm seconds per epoch: ${(cpu / wasm).toFixed(1)}x`);
