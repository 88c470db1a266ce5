/**
 * Photos are read on a thread of their own, once each, with plain blocking reads, as sha1sum does:
 * open, stat, the first 512 KB into a buffer handed back for parsing, the rest streamed through the
 * SHA-1 with the JPEG end marker and the last bytes noted on the way. On the engine's thread the
 * same work was its largest cost: SHA-1 over every byte, and four to six thread-pool round trips
 * per photo (open, stat, reads, close). Now that thread only parses headers and keeps the library,
 * and a read that blocks (a slow card reader) holds only this one.
 */
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/errors';
import { readerThread, type ReadAnswer, type ReadRequest } from './reader-program';

/** The head holds every header read on the engine's thread; metadata beyond it is read on demand. */
export const HEAD_BYTES = 512 * 1024;
const CHUNK_BYTES = 1024 * 1024;
const TAIL_BYTES = 16;
/** As many head buffers as photos inspected at once (the scheduler's 8) are kept for the next photos. */
const MAX_SPARE = 8;
/**
 * A read that has not returned for this long is given up: a network share or a drive that stopped
 * answering can block a read for minutes, and every photo waits behind it on this one thread.
 * Not net/stall.ts's stall: that one watches bytes on a connection, this one a blocking read of a
 * local (or mounted) file that either returns or does not; it has no bytes to watch in between.
 */
export const READ_STALL_MS = 60_000;

export interface PhotoRead {
  /** False for a directory, a device, a pipe: nothing is read from those. */
  regular: boolean;
  size: number;
  mtimeMs: number;
  /** The file's first bytes (all of them when it is small). Valid until release(). */
  head: Buffer;
  sha1: string;
  /** Bytes actually read; differs from size when the file changed while it was read. */
  bytes: number;
  /** Offset of the last FF D9 pair of a JPEG, or -1. In JPEG entropy data FF is always escaped, so this is an EOI. */
  lastEndOfImage: number;
  /** The last bytes read (up to 16). */
  tail: Buffer;
  /** Gives the head's memory back for the next photo; nothing may use `head` afterwards. */
  release(): void;
}

export interface PhotoReader {
  /**
   * Reads the whole file once. Rejects with the file system's error (code kept), or the signal's reason.
   * With `within`, a file that, opened, is not really below that folder is not read (code OUTSIDE_FOLDER).
   */
  read(path: string, o?: { signal?: AbortSignal; within?: string }): Promise<PhotoRead>;
  close(): Promise<void>;
}

interface Pending {
  resolve: (read: PhotoRead) => void;
  reject: (error: Error) => void;
  /** Aborted: the answer only brings the buffer back. */
  dropped: boolean;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending & { path: string }>;
  heartbeat: Int32Array;
  watchdog: NodeJS.Timeout | null;
}

/** An idle thread does not keep the process alive, and nobody watches it. */
function idle(t: Thread): void {
  t.worker.unref();
  if (t.watchdog) clearInterval(t.watchdog);
  t.watchdog = null;
}

/** Head buffers handed back by photos done with them, for the next photos. */
function createSpares() {
  const spare: ArrayBuffer[] = [];
  return {
    take: () => spare.pop() ?? new ArrayBuffer(HEAD_BYTES),
    giveBack(buffer: ArrayBuffer) {
      if (spare.length < MAX_SPARE) spare.push(buffer);
    },
  };
}

/** Every photo waiting on a thread whose read stopped answering: the stuck one and those behind it, each told which it is. */
function rejectStuck(t: Thread, stallMs: number): void {
  const [stuck] = t.pending.values();
  for (const p of t.pending.values()) {
    if (p.dropped) continue;
    const message =
      p === stuck
        ? `Reading ${p.path} got no answer from its disk for ${Math.round(stallMs / 1000)} s (a drive or network share that stopped answering?). It will be read again.`
        : `${p.path} was waiting behind a file whose disk stopped answering. It will be read again.`;
    p.reject(new AppError('NETWORK', message, { details: { path: p.path } }));
  }
  t.pending.clear();
}

/** Watches the thread's heartbeat; no beat for stallMs while reads wait → onStall. */
function watchHeartbeat(t: Thread, stallMs: number, onStall: () => void): void {
  let last = Atomics.load(t.heartbeat, 0);
  let lastChangeAt = Date.now();
  t.watchdog = setInterval(
    () => {
      const now = Atomics.load(t.heartbeat, 0);
      if (now !== last) {
        last = now;
        lastChangeAt = Date.now();
      } else if (Date.now() - lastChangeAt >= stallMs) onStall();
    },
    Math.max(10, Math.floor(stallMs / 4)),
  );
  t.watchdog.unref();
}

/** The thread's answer to the photo that waits for it (an aborted one only brings the buffer back). */
function deliver(waiting: Pending | undefined, answer: ReadAnswer, giveBack: (buffer: ArrayBuffer) => void): void {
  if (!waiting || waiting.dropped) return giveBack(answer.head);
  if (!answer.ok) {
    giveBack(answer.head);
    return waiting.reject(Object.assign(new Error(answer.message), { code: answer.code }));
  }
  const { headLength, tail, ...fields } = answer.read;
  let released = false;
  waiting.resolve({
    ...fields,
    head: Buffer.from(answer.head, 0, headLength),
    tail: Buffer.from(tail),
    release: () => {
      if (!released) giveBack(answer.head);
      released = true;
    },
  });
}

/** Hands one read to the thread; the promise settles with its answer, or at once with the signal's reason. */
function requestRead(t: Thread, request: ReadRequest, signal?: AbortSignal): Promise<PhotoRead> {
  const { worker, pending } = t;
  return new Promise<PhotoRead>((resolve, reject) => {
    const entry: Pending & { path: string } = { resolve, reject, dropped: false, path: request.path };
    // Aborting answers at once; the thread finishes the file and its answer only returns the buffer.
    // Nobody waits for that answer, so it must not hold the process open (a read stuck on a dead share).
    const onAbort = () => {
      entry.dropped = true;
      if ([...pending.values()].every((p) => p.dropped)) worker.unref();
      reject(signal?.reason);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    entry.resolve = (read) => {
      signal?.removeEventListener('abort', onAbort);
      resolve(read);
    };
    entry.reject = (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(error);
    };
    pending.set(request.id, entry);
    worker.ref();
    worker.postMessage(request, [request.head]);
  });
}

export function createPhotoReader(o: { stallMs?: number; threadSource?: string } = {}): PhotoReader {
  const stallMs = o.stallMs ?? READ_STALL_MS;
  const source = o.threadSource ?? `(${readerThread.toString()})(${CHUNK_BYTES}, ${TAIL_BYTES})`;
  const spares = createSpares();
  let thread: Thread | null = null;
  let nextId = 1;

  /** The thread is left to its blocked read (it cannot be interrupted); the photos go to a new one. */
  const giveUp = (t: Thread) => {
    if (thread === t) thread = null;
    idle(t);
    rejectStuck(t, stallMs);
    void t.worker.terminate();
  };

  const answered = (t: Thread, answer: ReadAnswer) => {
    const waiting = t.pending.get(answer.id);
    t.pending.delete(answer.id);
    if (t.pending.size === 0) idle(t);
    deliver(waiting, answer, spares.giveBack);
  };

  const start = (): Thread => {
    const shared = new SharedArrayBuffer(4);
    const worker = new Worker(source, { eval: true, workerData: shared });
    const current: Thread = { worker, pending: new Map(), heartbeat: new Int32Array(shared), watchdog: null };
    const stopped = (why: string) => {
      if (thread === current) thread = null;
      idle(current);
      for (const p of current.pending.values())
        p.reject(new AppError('INTERNAL', `The photo reading thread stopped (${why}). Retry the photo; if this happens again, please report it.`));
      current.pending.clear();
    };
    worker.on('message', (answer: ReadAnswer) => answered(current, answer));
    worker.on('error', (error) => stopped(error.message));
    worker.on('exit', (code) => stopped(`exit ${code}`));
    return current;
  };

  return {
    read(path, r = {}) {
      r.signal?.throwIfAborted();
      const current = (thread ??= start());
      const request = { id: nextId++, path, head: spares.take(), within: r.within } satisfies ReadRequest;
      const answer = requestRead(current, request, r.signal);
      if (!current.watchdog) watchHeartbeat(current, stallMs, () => giveUp(current));
      return answer;
    },
    async close() {
      const current = thread;
      thread = null;
      if (!current) return;
      idle(current);
      await current.worker.terminate();
    },
  };
}

let shared: PhotoReader | null = null;
/** The process's reading thread, started on first use and idle (not holding the process open) between photos. */
export function sharedPhotoReader(): PhotoReader {
  shared ??= createPhotoReader();
  return shared;
}
