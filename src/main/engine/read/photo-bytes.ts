/**
 * A photo being inspected: its first bytes in memory (read by the reading thread), the rest on disk.
 * Box and segment headers are a few bytes each; reading each through the thread pool cost more than
 * everything else done with them, so every read that falls inside the head is served from it, and
 * the file is opened here only when a read falls beyond it.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';

export interface PhotoBytes {
  size: number;
  /** The file's first bytes (all of them for a small file). Only valid while the photo is being inspected. */
  head: Buffer;
  /** The open file, for reads beyond the head: opened on first use, closed by whoever made this. */
  file(): Promise<FileHandle>;
}

/**
 * Opened without blocking and checked to be a regular file: the photo was one when the reading thread read
 * it, but a pipe put in its place since then must not hold a thread-pool thread waiting for a writer.
 */
export async function openRegular(path: string): Promise<FileHandle> {
  const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  if ((await handle.stat()).isFile()) return handle;
  await handle.close();
  throw new AppError('UNREADABLE', `${path} is no longer a regular file (replaced by a pipe, a device or a folder). Nothing to upload; ignore it.`);
}

export function photoBytes(path: string, size: number, head: Buffer): PhotoBytes & { close(): Promise<void> } {
  let opened: Promise<FileHandle> | null = null;
  return {
    size,
    head,
    file: () => (opened ??= openRegular(path)),
    async close() {
      const fh = await opened?.catch(() => null);
      await fh?.close().catch(() => undefined);
    },
  };
}

const MAX_BLOCK_BYTES = 4 * 1024 * 1024;

/** Up to `length` bytes from `offset` (fewer at the end of the file; at most 4 MB). */
export async function readAt(photo: PhotoBytes, offset: number, length: number): Promise<Buffer> {
  const wanted = Math.max(0, Math.min(length, MAX_BLOCK_BYTES));
  const wholeFileInHead = photo.head.length >= photo.size;
  if (offset + wanted <= photo.head.length || (wholeFileInHead && offset <= photo.head.length)) {
    return photo.head.subarray(offset, offset + wanted);
  }
  // Unsafe: only the bytesRead prefix is ever used, so zero-filling would be wasted work.
  const buffer = Buffer.allocUnsafe(wanted);
  const { bytesRead } = await (await photo.file()).read(buffer, 0, buffer.length, offset);
  return buffer.subarray(0, bytesRead);
}
