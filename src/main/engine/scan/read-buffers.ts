/**
 * The two buffers reading one photo needs (its head, and the chunk the rest streams through),
 * kept for the next photo instead of dropped. A scan reads thousands of files a minute; fresh
 * 512 KB + 1 MB buffers per file are garbage the collector only frees in bulk, which is most of
 * a scanning thread's memory.
 */
export const HEAD_BYTES = 512 * 1024;
export const CHUNK_BYTES = 1024 * 1024;
/** As many sets as files read at once in one thread; more would only hold memory. */
const MAX_SPARE = 4;

export interface ReadBuffers {
  head: Buffer;
  chunk: Buffer;
}

const spare: ReadBuffers[] = [];

/** Lends a set for the duration of `work`; nothing may keep a reference to them afterwards. */
export async function withReadBuffers<T>(work: (buffers: ReadBuffers) => Promise<T>): Promise<T> {
  const buffers = spare.pop() ?? { head: Buffer.allocUnsafe(HEAD_BYTES), chunk: Buffer.allocUnsafe(CHUNK_BYTES) };
  try {
    return await work(buffers);
  } finally {
    if (spare.length < MAX_SPARE) spare.push(buffers);
  }
}
