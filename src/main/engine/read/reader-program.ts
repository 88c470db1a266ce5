/**
 * The reading thread's side: its whole program and the messages it exchanges with the engine's
 * thread (src/main/engine/read/reader-thread.ts starts it and keeps its books).
 */
import type { PhotoRead } from './reader-thread';

export interface ReadRequest {
  id: number;
  path: string;
  head: ArrayBuffer;
  /** The folder the file must really be in once opened (links followed), or nothing to check. */
  within?: string;
}

/** The error code of a file that, opened, turned out to lie outside `within`. */
export const OUTSIDE_FOLDER = 'EOUTSIDEFOLDER';
export type ReadFields = Omit<PhotoRead, 'head' | 'release' | 'tail'> & { headLength: number; tail: Uint8Array };
export type ReadAnswer = { id: number; head: ArrayBuffer } & ({ ok: true; read: ReadFields } | { ok: false; code: string | undefined; message: string });

/**
 * The thread's whole program. It runs from its own source text (Function.prototype.toString), the
 * one way to start it that is the same in every bundle and under the test runner; so it uses nothing
 * from outside its body and reaches Node's modules through process.getBuiltinModule, which no
 * bundler rewrites.
 */
export function readerThread(chunkBytes: number, tailBytes: number): void {
  const { parentPort, workerData } = process.getBuiltinModule('node:worker_threads');
  // Bumped at every read: the engine's thread watches it to notice a read that never returns.
  const heartbeat = new Int32Array(workerData as SharedArrayBuffer);
  const beat = () => Atomics.add(heartbeat, 0, 1);
  const { openSync, fstatSync, readSync, closeSync, readlinkSync, realpathSync, constants } = process.getBuiltinModule('node:fs');
  const { sep } = process.getBuiltinModule('node:path');
  // Non-blocking open: a pipe given a photo's name must not hold the thread waiting for a writer.
  const READ_ONLY = constants.O_RDONLY | constants.O_NONBLOCK;
  const { createHash } = process.getBuiltinModule('node:crypto');
  if (!parentPort) return;
  const chunk = Buffer.allocUnsafe(chunkBytes);
  const END_OF_IMAGE = Buffer.from([0xff, 0xd9]);

  const readPhoto = (fd: number, head: Buffer) => {
    const stat = fstatSync(fd);
    const base = { regular: stat.isFile(), size: stat.size, mtimeMs: stat.mtimeMs };
    if (!base.regular) return { ...base, headLength: 0, sha1: '', bytes: 0, lastEndOfImage: -1, tail: new Uint8Array(0) };
    const hash = createHash('sha1');
    let bytes = 0;
    let headLength = 0;
    let lastEndOfImage = -1;
    let previousByte = -1;
    let tail = Buffer.alloc(0);
    let jpeg = false;
    for (;;) {
      // The head fills first (the engine parses it), then the rest streams through one reused chunk.
      const inHead = headLength < head.length;
      const target = inHead ? head.subarray(headLength) : chunk;
      const read = readSync(fd, target, 0, target.length, bytes);
      beat();
      if (read === 0) break;
      const piece = target.subarray(0, read);
      if (bytes === 0) jpeg = piece[0] === 0xff && piece[1] === 0xd8;
      hash.update(piece);
      if (jpeg) {
        const at = piece.lastIndexOf(END_OF_IMAGE);
        if (at >= 0) lastEndOfImage = bytes + at;
        else if (previousByte === 0xff && piece[0] === 0xd9) lastEndOfImage = bytes - 1; // marker across two reads
        previousByte = piece[read - 1]!;
      }
      tail = Buffer.from(read >= tailBytes ? piece.subarray(read - tailBytes) : Buffer.concat([tail, piece]).subarray(-tailBytes));
      bytes += read;
      if (inHead) headLength += read;
    }
    return { ...base, headLength, sha1: hash.digest('hex'), bytes, lastEndOfImage, tail };
  };

  /**
   * Where the open file really is: /proc names the very file opened (a link swapped in after the check
   * cannot fool it); elsewhere the path is resolved right after opening.
   */
  const openedAt = (fd: number, path: string) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`);
    } catch {
      return realpathSync.native(path);
    }
  };
  // A file found below a folder may since have been replaced by a link to elsewhere on the disk.
  // The folder's real path, for the photos of one folder in a row (resolved again after a second).
  let lastFolder = { within: '', real: '', at: 0 };
  const realFolder = (within: string) => {
    const now = Date.now();
    if (lastFolder.within !== within || now - lastFolder.at > 1000) lastFolder = { within, real: realpathSync.native(within), at: now };
    return lastFolder.real;
  };
  const checkWithin = (fd: number, request: ReadRequest) => {
    if (request.within === undefined) return;
    const folder = realFolder(request.within);
    const real = openedAt(fd, request.path);
    if (real === folder || real.startsWith(folder.endsWith(sep) ? folder : folder + sep)) return;
    // The literal of OUTSIDE_FOLDER: this body cannot refer to anything outside it.
    throw Object.assign(new Error(`${request.path} leads to ${real}, outside ${request.within}`), { code: 'EOUTSIDEFOLDER' });
  };

  parentPort.on('message', (request: ReadRequest) => {
    let fd = -1;
    beat();
    try {
      fd = openSync(request.path, READ_ONLY);
      checkWithin(fd, request);
      const read = readPhoto(fd, Buffer.from(request.head));
      parentPort.postMessage({ id: request.id, head: request.head, ok: true, read }, [request.head]);
    } catch (error) {
      const e = error as { code?: string; message?: string };
      parentPort.postMessage({ id: request.id, head: request.head, ok: false, code: e.code, message: String(e.message ?? error) }, [request.head]);
    } finally {
      if (fd >= 0) closeSync(fd);
    }
  });
}
