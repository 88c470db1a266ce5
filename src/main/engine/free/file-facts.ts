/** A local file's facts for --after-upload: size, mtime, and its SHA-1 and MD5 from one read of its bytes. */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { lstat } from 'node:fs/promises';

export interface FileFacts {
  size: number;
  mtimeMs: number;
  /** Bytes actually read: equal to size unless the file changed while it was read. */
  bytesRead: number;
  sha1: string;
  md5: string;
}

/** Null when the path is no longer there (or is no longer a regular file: a link put in its place is not followed). */
export async function readFileFacts(path: string): Promise<FileFacts | null> {
  const before = await lstat(path).catch(() => null);
  if (!before?.isFile()) return null;
  const sha1 = createHash('sha1');
  const md5 = createHash('md5');
  let bytesRead = 0;
  for await (const piece of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    sha1.update(piece);
    md5.update(piece);
    bytesRead += piece.length;
  }
  const after = await lstat(path).catch(() => null);
  // Written to while it was read: the hashes describe neither version.
  const steady = after !== null && after.size === before.size && after.mtimeMs === before.mtimeMs;
  return { size: before.size, mtimeMs: Math.floor(before.mtimeMs), bytesRead: steady ? bytesRead : -1, sha1: sha1.digest('hex'), md5: md5.digest('hex') };
}
