/**
 * A pool of worker threads running inspectPhoto. SHA-1 and metadata parsing are CPU work; in one
 * thread they queue behind each other and behind the library and the uploads. Threads start on
 * the first file and end after a quiet spell, so an idle app does not keep their memory.
 */
import { Worker } from 'node:worker_threads';
import { errorFromWire, type FromWorker, type ToWorker } from './inspect-wire';
import { SLOTS_PER_THREAD, type Inspector } from './inspector';
import type { InspectedPhoto } from './inspect';
import type { FoundFile } from './walk';

export interface InspectPoolOptions {
  /** The built worker entry (out/inspect-worker.cjs). */
  script: string;
  threads: number;
  /** Threads end after this long without work (default 20 s). */
  idleMs?: number;
}

interface Pending {
  resolve(photo: InspectedPhoto): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Pending>;
}

export function createInspectPool(o: InspectPoolOptions): Inspector {
  const threads: Thread[] = [];
  let nextId = 1;
  let idleTimer: NodeJS.Timeout | null = null;

  const inFlight = () => threads.reduce((n, t) => n + t.pending.size, 0);

  const retire = (thread: Thread, reason: Error) => {
    const at = threads.indexOf(thread);
    if (at >= 0) threads.splice(at, 1);
    for (const p of thread.pending.values()) p.reject(reason);
    thread.pending.clear();
  };

  const spawn = (): Thread => {
    const thread: Thread = { worker: new Worker(o.script), pending: new Map() };
    thread.worker.on('message', (answer: FromWorker) => {
      const p = thread.pending.get(answer.id);
      if (!p) return;
      thread.pending.delete(answer.id);
      if (thread.pending.size === 0) thread.worker.unref();
      if (answer.ok) p.resolve(answer.photo);
      else p.reject(errorFromWire(answer.error));
      if (inFlight() === 0) armIdle();
    });
    // A thread that dies (out of memory, a crash in a parser) fails only the files it held; the
    // next file starts a fresh thread.
    thread.worker.on('error', (error) => retire(thread, new Error(`the photo reader stopped: ${error.message}`)));
    thread.worker.on('exit', (code) => retire(thread, new Error(`the photo reader stopped (exit ${code})`)));
    threads.push(thread);
    return thread;
  };

  const leastBusy = (): Thread => {
    if (threads.length < o.threads) {
      const idle = threads.find((t) => t.pending.size === 0);
      if (idle) return idle;
      return spawn();
    }
    return threads.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
  };

  const armIdle = () => {
    if (idleTimer) clearTimeout(idleTimer);
    idleTimer = setTimeout(() => {
      idleTimer = null;
      if (inFlight() === 0) for (const t of threads.splice(0)) void t.worker.terminate();
    }, o.idleMs ?? 20_000);
    idleTimer.unref();
  };

  return {
    slots: o.threads * SLOTS_PER_THREAD,
    inspect(file: FoundFile, signal: AbortSignal) {
      if (signal.aborted) return Promise.reject(signal.reason instanceof Error ? signal.reason : new DOMException('aborted', 'AbortError'));
      const thread = leastBusy();
      const id = nextId++;
      return new Promise<InspectedPhoto>((resolve, reject) => {
        const onAbort = () => thread.worker.postMessage({ type: 'abort', id } satisfies ToWorker);
        signal.addEventListener('abort', onAbort, { once: true });
        const settle = () => signal.removeEventListener('abort', onAbort);
        thread.pending.set(id, {
          resolve: (photo) => (settle(), resolve(photo)),
          reject: (error) => (settle(), reject(error)),
        });
        thread.worker.ref();
        thread.worker.postMessage({ type: 'inspect', id, file } satisfies ToWorker);
      });
    },
    async close() {
      if (idleTimer) clearTimeout(idleTimer);
      await Promise.all(threads.splice(0).map((t) => t.worker.terminate()));
    },
  };
}
