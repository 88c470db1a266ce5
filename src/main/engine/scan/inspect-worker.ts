/**
 * Worker-thread entry (built to out/inspect-worker.cjs): inspects the files the pool sends and
 * answers with the result or the error. Each request has its own AbortController so a paused
 * or stopped job stops reading its file.
 */
import { parentPort } from 'node:worker_threads';
import { inspectPhoto } from './inspect';
import { errorToWire, type FromWorker, type ToWorker } from './inspect-wire';

const port = parentPort;
if (!port) throw new Error('inspect-worker must run in a worker thread');

const running = new Map<number, AbortController>();

port.on('message', (message: ToWorker) => {
  if (message.type === 'abort') {
    running.get(message.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(message.id, controller);
  inspectPhoto(message.file, { signal: controller.signal })
    .then(
      (photo): FromWorker => ({ id: message.id, ok: true, photo }),
      (error: unknown): FromWorker => ({ id: message.id, ok: false, error: errorToWire(error) }),
    )
    .then((answer) => {
      running.delete(message.id);
      port.postMessage(answer);
    });
});
