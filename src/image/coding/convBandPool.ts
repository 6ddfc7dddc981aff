/**
 * The coding worker's sub-workers for conv decodes: min(hardwareConcurrency, 4) of them, started
 * on first use, each running one band at a time (convBand.worker.ts). Where no worker can start
 * (node, a scope without Worker, one core) there is no pool and the decode runs in one piece.
 */
import type { ConvBandRunner, ConvBandTask } from './bandedDecode';
import type { ConvBandReply } from './convBand.worker';

/** The most sub-workers: more bands add halo rows and start-up for little gain on 2-8 cores. */
const MAX_BAND_WORKERS = 4;

interface BandPool {
  size: number;
  runBand: ConvBandRunner;
}

let pool: BandPool | null | undefined;

/** The pool, or null where a decode should run in one piece here. */
export function convBandPool(): BandPool | null {
  if (pool !== undefined) return pool;
  const cores = typeof navigator === 'undefined' ? 1 : (navigator.hardwareConcurrency ?? 1);
  const size = Math.min(cores, MAX_BAND_WORKERS);
  pool = null;
  if (typeof Worker === 'undefined' || size < 2) return pool;
  const workers: Worker[] = [];
  const pending = new Map<number, { resolve: (values: Float64Array) => void; reject: (error: Error) => void }>();
  try {
    for (let k = 0; k < size; k++) {
      const worker = new Worker(new URL('./convBand.worker.ts', import.meta.url), {
        type: 'module',
        name: `conv band ${k + 1}`,
      });
      worker.onmessage = (event: MessageEvent<ConvBandReply>) => {
        const reply = event.data;
        const waiting = pending.get(reply.id);
        pending.delete(reply.id);
        if ('values' in reply) waiting?.resolve(reply.values);
        else waiting?.reject(new Error(reply.error));
      };
      // a worker that fails to load rejects what waits (the decode then runs that band here)
      worker.onerror = () => {
        for (const [id, waiting] of pending) {
          pending.delete(id);
          waiting.reject(new Error('a conv band worker failed'));
        }
      };
      workers.push(worker);
    }
  } catch {
    for (const worker of workers) worker.terminate();
    return pool;
  }
  let nextId = 1;
  let nextWorker = 0;
  const runBand = (task: ConvBandTask) =>
    new Promise<Float64Array>((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      const worker = workers[nextWorker] as Worker;
      nextWorker = (nextWorker + 1) % workers.length;
      worker.postMessage({ id, task });
    });
  pool = { size, runBand };
  return pool;
}
