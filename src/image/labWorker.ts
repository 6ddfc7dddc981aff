/**
 * The page's side of lab.worker.ts: MS-SSIM, the codec sweep, and the encoding and decoding of
 * lab files in workers, so that none of them blocks a press. Two of them: one measures (MS-SSIM,
 * the sweep: seconds of work), one codes (a file in tens of milliseconds), so that a press's file
 * never waits behind a measurement. Where there is no worker (node tests, a browser without
 * module workers or OffscreenCanvas in workers, a worker that failed to start) the same code runs
 * on the page's thread, as before.
 */
import { decodeLabFile, type DecodeResult } from './coding/container';
import { encodeLabFileRequest, type LabFileRequest } from './coding/labFileRequest';
import { browserCodecHost, sweepCodecs, type CodecProgress } from './codecs';
import { msssim, type MsssimResult } from './metrics';

export type LabWorkerRequest =
  | {
      id: number;
      kind: 'msssim';
      original: Uint8ClampedArray;
      images: Uint8ClampedArray[];
      width: number;
      height: number;
    }
  | { id: number; kind: 'codecs'; rgba: Uint8ClampedArray; width: number; height: number }
  | { id: number; kind: 'decode'; bytes: Uint8Array }
  | { id: number; kind: 'encode'; request: LabFileRequest }
  | { id: number; kind: 'code'; request: LabFileRequest }
  | { id: number; kind: 'cancel' };

export type LabWorkerReply =
  | { id: number; kind: 'msssim'; results: MsssimResult[] }
  | { id: number; kind: 'progress'; progress: CodecProgress }
  | { id: number; kind: 'decoded'; result: DecodeResult }
  | { id: number; kind: 'encoded'; bytes: Uint8Array }
  | { id: number; kind: 'coded'; bytes: Uint8Array; decoded: DecodeResult }
  | { id: number; kind: 'done' }
  | { id: number; kind: 'error'; message: string };

type Listener = (reply: LabWorkerReply | null) => void;

/** What a worker does: measure (MS-SSIM, the codec sweep) or code (lab files). */
type WorkerRole = 'measure' | 'code';

/** Each role's worker, started on first use; null where none can run (then its work runs here). */
const workers: Record<WorkerRole, Worker | null | undefined> = { measure: undefined, code: undefined };
const listeners = new Map<number, Listener>();
let nextId = 1;

function labWorker(role: WorkerRole = 'measure'): Worker | null {
  const known = workers[role];
  if (known !== undefined) return known;
  let worker: Worker | null;
  try {
    worker =
      typeof Worker === 'undefined'
        ? null
        : new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module', name: `lab ${role}` });
  } catch {
    worker = null;
  }
  workers[role] = worker;
  worker?.addEventListener('message', (event: MessageEvent<LabWorkerReply>) =>
    listeners.get(event.data.id)?.(event.data),
  );
  worker?.addEventListener('error', () => {
    // it did not start (or died): every waiting request falls back to this thread (the other
    // worker's too: they load the same module, so it fails the same way)
    worker?.terminate();
    workers[role] = null;
    for (const listener of [...listeners.values()]) listener(null);
    listeners.clear();
  });
  return worker;
}

/** MS-SSIM of each image against the original, in the worker (copies are sent; nothing is moved). */
export function measureMsssim(
  original: Uint8ClampedArray,
  images: readonly Uint8ClampedArray[],
  width: number,
  height: number,
): Promise<MsssimResult[]> {
  const here = () => images.map((image) => msssim(original, image, width, height));
  const target = labWorker();
  if (target === null) return Promise.resolve(here());
  const id = nextId++;
  return new Promise((resolve) => {
    listeners.set(id, (reply) => {
      listeners.delete(id);
      resolve(reply?.kind === 'msssim' ? reply.results : here());
    });
    target.postMessage({ id, kind: 'msssim', original, images: [...images], width, height } satisfies LabWorkerRequest);
  });
}

/** Whether lab files are made off the page's thread (a coding worker runs, or can start). */
export function labCodingOffThread(): boolean {
  return labWorker('code') !== null;
}

/** A lab file and what it decodes to, both here. */
function codeHere(request: LabFileRequest): { bytes: Uint8Array; decoded: DecodeResult } {
  const bytes = encodeLabFileRequest(request);
  return { bytes, decoded: decodeLabFile(bytes) };
}

/**
 * A lab file made and then decoded (what a reader of it gets: a learned press's hard view) in
 * the coding worker, or here where there is none or it fails.
 */
export function codeLabFileOffThread(request: LabFileRequest): Promise<{ bytes: Uint8Array; decoded: DecodeResult }> {
  const target = labWorker('code');
  if (target === null) return Promise.resolve(codeHere(request));
  const id = nextId++;
  return new Promise((resolve) => {
    listeners.set(id, (reply) => {
      listeners.delete(id);
      resolve(reply?.kind === 'coded' ? { bytes: reply.bytes, decoded: reply.decoded } : codeHere(request));
    });
    target.postMessage({ id, kind: 'code', request } satisfies LabWorkerRequest);
  });
}

/**
 * A lab file made (coding/labFileRequest.ts encodeLabFileRequest) in the coding worker, or here
 * where there is none or it fails: the same bytes either way. The request is copied, not moved.
 */
export function encodeLabFileOffThread(request: LabFileRequest): Promise<Uint8Array> {
  const target = labWorker('code');
  if (target === null) return Promise.resolve(encodeLabFileRequest(request));
  const id = nextId++;
  return new Promise((resolve) => {
    listeners.set(id, (reply) => {
      listeners.delete(id);
      resolve(reply?.kind === 'encoded' ? reply.bytes : encodeLabFileRequest(request));
    });
    target.postMessage({ id, kind: 'encode', request } satisfies LabWorkerRequest);
  });
}

/**
 * A lab file decoded (coding/container.ts decodeLabFile) in the worker, or here where there is
 * none. Never rejects: every failure is a reason in the result.
 */
export function decodeLabFileOffThread(bytes: Uint8Array): Promise<DecodeResult> {
  const target = labWorker('code');
  if (target === null) return Promise.resolve(decodeLabFile(bytes));
  const id = nextId++;
  return new Promise((resolve) => {
    listeners.set(id, (reply) => {
      listeners.delete(id);
      resolve(reply?.kind === 'decoded' ? reply.result : decodeLabFile(bytes));
    });
    target.postMessage({ id, kind: 'decode', bytes } satisfies LabWorkerRequest);
  });
}

/**
 * The browser's JPEG and WebP sweep (codecs.ts sweepCodecs) in the worker, as the same progress
 * events. Leaving the loop early cancels the worker's sweep. If the worker cannot encode (no
 * OffscreenCanvas there), the sweep runs here.
 */
export async function* sweepCodecsOffThread(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): AsyncGenerator<CodecProgress> {
  const target = labWorker();
  if (target === null) {
    yield* sweepCodecs(rgba, width, height, browserCodecHost());
    return;
  }
  const id = nextId++;
  const queue: Array<LabWorkerReply | null> = [];
  let wake: (() => void) | null = null;
  listeners.set(id, (reply) => {
    queue.push(reply);
    wake?.();
  });
  target.postMessage({ id, kind: 'codecs', rgba, width, height } satisfies LabWorkerRequest);
  let finished = false;
  try {
    for (;;) {
      if (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      wake = null;
      const reply = queue.shift();
      if (reply === undefined) continue;
      if (reply === null || reply.kind === 'error') {
        finished = true;
        // the worker could not do it: the whole sweep here (its points so far are replaced)
        yield* sweepCodecs(rgba, width, height, browserCodecHost());
        return;
      }
      if (reply.kind === 'done') {
        finished = true;
        return;
      }
      if (reply.kind === 'progress') yield reply.progress;
    }
  } finally {
    listeners.delete(id);
    if (!finished) workers.measure?.postMessage({ id, kind: 'cancel' } satisfies LabWorkerRequest);
  }
}
