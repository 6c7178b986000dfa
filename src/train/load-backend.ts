import * as tf from '@tensorflow/tfjs';
import { TfsweepError } from '../errors.js';
import { registerMissingWasmKernels, replaceBrokenWasmKernels } from './wasm-kernels/register-wasm-kernels.js';

export type BackendChoice = 'auto' | 'wasm' | 'cpu' | 'node';

/**
 * The optional native backend. Never a static import: it is an optionalDependency that is
 * usually absent, and a missing module must only make `auto` fall back.
 */
const NODE_BACKEND_MODULE = '@tensorflow/tfjs-node';

async function tryNode(): Promise<boolean> {
  try {
    await import(NODE_BACKEND_MODULE);
    return await tf.setBackend('tensorflow');
  } catch {
    return false;
  }
}

async function tryWasm(): Promise<boolean> {
  try {
    await import('@tensorflow/tfjs-backend-wasm');
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/**
 * Selects and initializes a TensorFlow.js backend and returns its name as tf.getBackend()
 * reports it: 'tensorflow' (tfjs-node), 'wasm' or 'cpu'. auto = tfjs-node if it loads,
 * else wasm, else cpu. Production mode is switched on: it only silences TensorFlow.js's
 * console warnings, among them the "install tfjs-node" banner the cpu backend prints.
 */
export async function loadBackend(choice: BackendChoice): Promise<string> {
  tf.enableProdMode();
  const order: BackendChoice[] = choice === 'auto' ? ['node', 'wasm', 'cpu'] : [choice];
  for (const name of order) {
    const ok = name === 'node' ? await tryNode() : name === 'wasm' ? await tryWasm() : await tf.setBackend('cpu');
    if (ok) {
      await tf.ready();
      // wasm-kernels/: the gradient kernels tfjs-backend-wasm lacks, and those its release computes wrongly.
      if (tf.getBackend() === 'wasm') { registerMissingWasmKernels(); replaceBrokenWasmKernels((await import('@tensorflow/tfjs-backend-wasm')).version_wasm); }
      return tf.getBackend();
    }
  }
  throw new TfsweepError('E_BACKEND', choice === 'node'
    ? `the node backend needs ${NODE_BACKEND_MODULE}, which is not installed or does not load here (try --backend wasm)`
    : `the ${choice} TensorFlow.js backend could not be initialized`);
}
