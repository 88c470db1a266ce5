/**
 * An update's file is installed only if it is the file the feed describes: its size and its
 * sha512 (base64, as electron-builder writes it in latest.yml).
 */
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Transform } from 'node:stream';
import { sendRequest } from '../engine/net/http-client';
import type { FeedFile } from './feed';

export type Verification = { ok: true } | { ok: false; message: string };

export async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

/** Compares a file on disk with the feed's description of it. */
export async function verifyFile(file: string, expected: Pick<FeedFile, 'sha512' | 'size'>): Promise<Verification> {
  const actual = await sha512Of(file).catch((error: Error) => error);
  if (actual instanceof Error) return { ok: false, message: `The downloaded update ${file} could not be read (${actual.message}); it is not installed.` };
  if (actual !== expected.sha512)
    return { ok: false, message: `The downloaded update ${file} does not match the sha512 the update feed gives; it is not installed.` };
  return { ok: true };
}

/**
 * Downloads the update's file to `dest`, hashing as it arrives; the file appears at `dest` only
 * when size and sha512 match (a `.partial` file is written, then renamed, and removed otherwise).
 */
export async function downloadVerified(file: FeedFile & { url: string }, dest: string, o: { signal?: AbortSignal } = {}): Promise<Verification> {
  const partial = `${dest}.partial`;
  const hash = createHash('sha512');
  let size = 0;
  try {
    const answer = await sendRequest(file.url, { method: 'GET', idleTimeoutMs: 60_000, signal: o.signal });
    if (answer.status !== 200) {
      answer.body.resume();
      return { ok: false, message: `The update server answered HTTP ${answer.status} for ${file.url}; nothing was installed.` };
    }
    const count = new Transform({
      transform(piece: Buffer, _enc, done) {
        size += piece.length;
        hash.update(piece);
        done(null, piece);
      },
    });
    await pipeline(answer.body, count, createWriteStream(partial));
  } catch (error) {
    await rm(partial, { force: true });
    return { ok: false, message: `The update ${file.url} could not be downloaded (${(error as Error).message}); nothing was installed.` };
  }
  const problem =
    file.size !== undefined && size !== file.size
      ? `is ${size} bytes, the feed says ${file.size}`
      : hash.digest('base64') !== file.sha512
        ? 'does not match the sha512 the feed gives'
        : null;
  if (problem) {
    await rm(partial, { force: true });
    return { ok: false, message: `The downloaded update ${file.url} ${problem}; it was deleted and nothing was installed.` };
  }
  await rename(partial, dest);
  return { ok: true };
}
