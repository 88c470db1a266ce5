/**
 * One streamed pass over a file's bytes: its SHA-1, and while the bytes go by, where the last JPEG
 * end-of-image marker (FF D9) sits and what the last bytes are, so truncation is detected without a second read.
 */
import { createHash } from 'node:crypto';
import { open } from 'node:fs/promises';
import { CHUNK_BYTES } from './read-buffers';

const TAIL_BYTES = 16;
const END_OF_IMAGE = Buffer.from([0xff, 0xd9]);

export interface HashScan {
  sha1: string;
  bytes: number;
  /** Offset of the last FF D9 pair in the file, or -1. In JPEG entropy data FF is always escaped, so this is an EOI. */
  lastEndOfImage: number;
  tail: Buffer;
}

function lastEndMarkerIn(chunk: Buffer, previousByte: number): number {
  const index = chunk.lastIndexOf(END_OF_IMAGE);
  if (index >= 0) return index;
  if (previousByte === 0xff && chunk[0] === 0xd9) return -0.5; // marker straddles the chunk boundary
  return -1;
}

/**
 * The file's bytes from `start`, read into one reused buffer: hashing a 120 MB photo allocates
 * 1 MB, not 120 (garbage that would only be collected later, growing the process meanwhile).
 * Each yielded chunk is valid until the next one is requested.
 */
async function* readReusing(path: string, start: number, signal?: AbortSignal, into?: Buffer): AsyncGenerator<Buffer> {
  const fh = await open(path, 'r');
  const buffer = into ?? Buffer.allocUnsafe(CHUNK_BYTES);
  try {
    for (let position = start; ; ) {
      signal?.throwIfAborted();
      const { bytesRead } = await fh.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return;
      position += bytesRead;
      yield buffer.subarray(0, bytesRead);
    }
  } finally {
    await fh.close();
  }
}

/**
 * `head`, when given, holds the file's first bytes already read by the caller: they are hashed
 * from memory and only the rest is streamed, so most photos are read from disk exactly once.
 */
export async function hashAndScan(
  path: string,
  o: { signal?: AbortSignal; scanJpegEnd?: boolean; head?: Buffer; size?: number; chunk?: Buffer } = {},
): Promise<HashScan> {
  const hash = createHash('sha1');
  let bytes = 0;
  let lastEndOfImage = -1;
  let previousByte = -1;
  let tail: Buffer = Buffer.alloc(0);
  const head = o.head && o.head.length > 0 ? [o.head] : [];
  // When the head already holds the whole file (most photos), the file is not opened again.
  const wholeFileInHead = o.head !== undefined && o.size !== undefined && o.head.length >= o.size;
  const chunks = async function* () {
    yield* head;
    if (!wholeFileInHead) yield* readReusing(path, o.head?.length ?? 0, o.signal, o.chunk);
  };
  for await (const chunk of chunks()) {
    hash.update(chunk);
    if (o.scanJpegEnd) {
      const at = lastEndMarkerIn(chunk, previousByte);
      if (at >= 0) lastEndOfImage = bytes + at;
      else if (at === -0.5) lastEndOfImage = bytes - 1;
      previousByte = chunk[chunk.length - 1] ?? -1;
    }
    // Copied: the chunk's memory is reused for the next read.
    tail = Buffer.from(chunk.length >= TAIL_BYTES ? chunk.subarray(chunk.length - TAIL_BYTES) : Buffer.concat([tail, chunk]).subarray(-TAIL_BYTES));
    bytes += chunk.length;
  }
  return { sha1: hash.digest('hex'), bytes, lastEndOfImage, tail };
}

/** SHA-1 (hex) of the file's bytes, read in one streamed pass. */
export async function sha1File(path: string, o: { signal?: AbortSignal } = {}): Promise<string> {
  return (await hashAndScan(path, { signal: o.signal })).sha1;
}
