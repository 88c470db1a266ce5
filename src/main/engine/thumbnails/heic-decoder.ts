/**
 * One HEIC decode at a time for the whole process, in a worker thread started on demand and ended
 * after a short idle spell: libheif's wasm heap grows to a few hundred MB for a 12 MP photo and is
 * only given back when its thread ends. Waiting decodes are bounded (a grid scrolled through a
 * thousand HEICs asks only for what is on screen, and asks again later), each has a time limit,
 * and a worker that dies (a file that crashes the decoder) fails that photo alone.
 */
import { Worker } from 'node:worker_threads';
import type { DecodeAnswer, DecodeRequest } from './decode-messages';
import { decodeWorkerScript } from './worker-script';

export interface DecodedThumbnail {
  jpeg: Buffer;
  width: number;
  height: number;
}

export interface DecoderOptions {
  /** Photos waiting for the worker beyond the one it decodes; more are refused at once. */
  maxWaiting: number;
  /** The worker is ended after this long with nothing to do, so its memory is returned. */
  idleMs: number;
  /** A decode taking longer than this ends the worker and fails that photo. */
  timeoutMs: number;
}

export const DECODER_DEFAULTS: DecoderOptions = { maxWaiting: 32, idleMs: 10_000, timeoutMs: 60_000 };

/** Why a photo got no decoded thumbnail: `busy` may work when asked again, `failed` will not. */
export class DecodeError extends Error {
  constructor(
    readonly kind: 'busy' | 'failed',
    message: string,
    /** The worker died or hung: it is ended, not given the next photo. */
    readonly workerLost = false,
  ) {
    super(message);
  }
}

interface Waiting {
  request: DecodeRequest;
  resolve(value: DecodedThumbnail): void;
  reject(error: Error): void;
}

export interface HeicDecoder {
  decode(bytes: Uint8Array, maxSide: number, quality: number): Promise<DecodedThumbnail>;
  /** Whether a worker thread (and its heap) is alive now. */
  running(): boolean;
  close(): Promise<void>;
}

/** A decode handed to the worker, settled by its answer, its loss or its time limit. */
function decodeOn(worker: Worker, request: DecodeRequest, timeoutMs: number): Promise<DecodedThumbnail> {
  return new Promise((resolve, reject) => {
    const finish = (outcome: () => void) => {
      clearTimeout(timer);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      outcome();
    };
    const onMessage = (answer: DecodeAnswer) =>
      finish(() =>
        answer.ok ? resolve({ jpeg: Buffer.from(answer.jpeg), width: answer.width, height: answer.height }) : reject(new DecodeError('failed', answer.message)),
      );
    const lost = (why: string) => finish(() => reject(new DecodeError('failed', why, true)));
    const onError = (error: Error) => lost(`the HEIC decoder stopped: ${error.message}`);
    const onExit = (code: number) => lost(`the HEIC decoder stopped (exit ${code})`);
    const timer = setTimeout(() => lost(`decoding took longer than ${timeoutMs / 1000} s`), timeoutMs);
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    worker.postMessage(request);
  });
}

function startWorker(): Worker {
  const script = decodeWorkerScript();
  if (!script) throw new DecodeError('failed', 'the HEIC decoder is not built (out/heic-decode-worker.cjs is missing)');
  // Its stdout/stderr are kept from ours: libheif prints parse errors, and `--json` output must stay clean.
  const worker = new Worker(script, { stdout: true, stderr: true });
  worker.stdout.resume();
  worker.stderr.resume();
  worker.unref();
  return worker;
}

export function createHeicDecoder(options: DecoderOptions = DECODER_DEFAULTS): HeicDecoder {
  const waiting: Waiting[] = [];
  let worker: Worker | null = null;
  let busy = false;
  let idleTimer: ReturnType<typeof setTimeout> | null = null;

  const endWorker = async (): Promise<void> => {
    const ending = worker;
    worker = null;
    if (ending) await ending.terminate();
  };
  const runOne = async (job: Waiting): Promise<void> => {
    try {
      worker ??= startWorker();
      job.resolve(await decodeOn(worker, job.request, options.timeoutMs));
    } catch (error) {
      // A worker that died or hung is not used again: the next photo gets a fresh one.
      if (error instanceof DecodeError && error.workerLost) await endWorker();
      job.reject(error as Error);
    }
  };
  const runNext = (): void => {
    if (busy) return;
    if (idleTimer) clearTimeout(idleTimer);
    const next = waiting.shift();
    if (!next) {
      idleTimer = setTimeout(() => void endWorker(), options.idleMs);
      idleTimer.unref();
      return;
    }
    busy = true;
    void runOne(next).finally(() => {
      busy = false;
      runNext();
    });
  };

  return {
    decode(bytes, maxSide, quality) {
      if (waiting.length >= options.maxWaiting) return Promise.reject(new DecodeError('busy', 'too many photos are waiting to be decoded'));
      return new Promise((resolve, reject) => {
        waiting.push({ request: { bytes, maxSide, quality }, resolve, reject });
        runNext();
      });
    },
    running: () => worker !== null,
    async close() {
      for (const job of waiting.splice(0)) job.reject(new DecodeError('busy', 'PixDrop is stopping'));
      if (idleTimer) clearTimeout(idleTimer);
      await endWorker();
    },
  };
}
