/**
 * Lists the kernels a backend lacks to train each Keras layer family
 * (test/train/layer-families.ts): fits each family's model for two steps and, whenever a
 * kernel is not registered, registers a stand-in that runs the cpu kernel on copies of the
 * inputs, then tries again, so one run finds every missing kernel, not only the first.
 * It finds kernels that are missing, not kernels that compute wrongly: those are for
 * test/train/wasm-kernels.test.ts, which holds every family's losses against the cpu backend.
 * Usage: node dist/bench/wasm-missing-kernels.js [--with-ours]
 *   --with-ours  first registers tfsweep's own wasm kernels (src/train/wasm-kernels/), to
 *                show what still lacks after them.
 */
import * as tf from '@tensorflow/tfjs';
import { registerMissingWasmKernels } from '../src/train/wasm-kernels/register-wasm-kernels.js';
import { LAYER_FAMILIES, familyData } from '../test/train/layer-families.js';

const BACKEND = 'wasm';
const MISSING = new RegExp(`Kernel '(\\w+)' not registered for backend '${BACKEND}'`);

type Info = { dataId: object; shape: number[]; dtype: tf.DataType };
interface Storage { readSync(id: object): tf.backend_util.BackendValues; write(v: tf.backend_util.BackendValues, s: number[], d: tf.DataType): object; disposeData(id: object): void }
interface WasmLike extends Storage { makeOutput(shape: number[], dtype: tf.DataType, offset?: number, values?: tf.backend_util.BackendValues): Info }

/** A kernel for BACKEND that copies its inputs to the cpu backend and runs the cpu kernel there. */
function cpuStandIn(name: string): tf.KernelConfig {
  const cpuKernel = tf.getKernel(name, 'cpu');
  if (cpuKernel === undefined) throw new Error(`kernel ${name} is missing on cpu too`);
  return {
    kernelName: name, backendName: BACKEND,
    kernelFunc: ({ inputs, backend, attrs }) => {
      const cpu = tf.engine().findBackend('cpu') as unknown as Storage;
      const own = backend as unknown as WasmLike;
      const copies: Record<string, Info> = {};
      for (const [k, t] of Object.entries(inputs as Record<string, Info>)) {
        copies[k] = { dataId: cpu.write(own.readSync(t.dataId), t.shape, t.dtype), shape: t.shape, dtype: t.dtype };
      }
      const out = cpuKernel.kernelFunc({ inputs: copies as never, backend: cpu as never, attrs });
      const outs = (Array.isArray(out) ? out : [out]) as Info[];
      const mine = outs.map((o) => own.makeOutput(o.shape, o.dtype, undefined, cpu.readSync(o.dataId)));
      for (const o of outs) cpu.disposeData(o.dataId);
      for (const c of Object.values(copies)) cpu.disposeData(c.dataId);
      return (Array.isArray(out) ? mine : mine[0]) as never;
    },
  };
}

async function fitTwoSteps(build: () => tf.LayersModel, x: tf.Tensor, y: tf.Tensor): Promise<void> {
  const model = build();
  model.compile({ optimizer: tf.train.sgd(0.01), loss: 'meanSquaredError' });
  try {
    await model.fit(x, y, { epochs: 1, batchSize: 2, shuffle: false, verbose: 0 });
  } finally {
    model.dispose();
  }
}

async function main(): Promise<void> {
  await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(BACKEND);
  await tf.ready();
  tf.enableProdMode();
  if (process.argv.includes('--with-ours')) {
    console.log(`registered: ${registerMissingWasmKernels().join(', ') || '(none)'}`);
  }
  const all = new Set<string>();
  for (const f of LAYER_FAMILIES) {
    const standIns: string[] = [];
    const { x, y } = familyData(f);
    let error = '';
    for (;;) {
      try {
        await fitTwoSteps(f.build, x, y);
        break;
      } catch (e) {
        const m = MISSING.exec(String((e as Error).message));
        if (m === null || standIns.includes(m[1])) { error = String((e as Error).message); break; }
        standIns.push(m[1]);
        tf.registerKernel(cpuStandIn(m[1]));
      }
    }
    for (const k of standIns) { tf.unregisterKernel(k, BACKEND); all.add(k); }
    x.dispose(); y.dispose();
    console.log(`${f.name.padEnd(22)} ${standIns.length === 0 ? 'ok' : `missing: ${standIns.join(', ')}`}${error ? `  ERROR: ${error}` : ''}`);
  }
  console.log(`\nall missing on ${BACKEND}: ${[...all].sort().join(', ') || '(none)'}`);
}

await main();
