import { createRequire } from 'node:module';
import type { BackendChoice } from './protocol.js';

/**
 * Decides, in the main thread and without loading TensorFlow.js, whether the native
 * backend can be in play. tfjs-node is known to break when loaded in more than one
 * worker thread, so a sweep that may use it runs on one worker and says so.
 */
export function nativeBackendPossible(choice: BackendChoice): boolean {
  if (choice !== 'auto' && choice !== 'node') return false;
  try {
    createRequire(import.meta.url).resolve('@tensorflow/tfjs-node');
    return true;
  } catch {
    return false;
  }
}

/**
 * The backend a worker will load for `choice`, named as tf.getBackend() names it (and as
 * trials store it): auto = `tensorflow` when tfjs-node resolves, else `wasm`. Decided
 * without loading TensorFlow.js; a worker that falls back further (wasm failing to
 * initialize: cpu) reports what it loaded, and the run says so (run-sweep.ts).
 */
export function expectedBackend(choice: BackendChoice): string {
  if (choice === 'node') return 'tensorflow';
  if (choice === 'auto') return nativeBackendPossible(choice) ? 'tensorflow' : 'wasm';
  return choice;
}
