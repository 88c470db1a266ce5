/**
 * inspectPhoto: everything the uploader needs to know about one found file, in one pass of work:
 * stat, content check (empty, not a photo, truncated), streamed SHA-1, metadata, sidecar enrichment.
 * Every failure is an AppError that names the file and says what to do.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import { classifyNodeError } from '../queue/retryPolicy';
import { containerBlocks, listBoxes } from './containers';
import { readBlocks, readDirect, type RawMetadata } from './exif-read';
import { toMetadatas } from './exif';
import { hashAndScan, type HashScan } from './hash';
import { readJpegStructure, type JpegStructure } from './jpeg-structure';
import { resolveMimeType, sniffPhotoType } from './photo-types';
import { pixelSizeOf } from './pixel-size';
import { withReadBuffers, type ReadBuffers } from './read-buffers';
import { findSidecar } from './sidecar';
import type { FoundFile } from './walk';

export interface InspectedPhoto {
  sha1: string;
  size: number;
  mtimeMs: number;
  mimeType: string;
  metadatas: Metadatas;
}

function corrupt(file: FoundFile, what: string): AppError {
  return new AppError('CORRUPT_FILE', `${file.path} is damaged: ${what}. Copy it again from the card or camera, then retry it.`, {
    details: { path: file.path },
  });
}

async function checkStructure(fh: FileHandle, file: FoundFile, size: number, mime: string, head: Buffer): Promise<JpegStructure | null> {
  if (mime === 'image/jpeg') {
    const structure = await readJpegStructure(fh, size, head);
    if (!structure) throw corrupt(file, 'its JPEG data is cut short or broken before the image starts');
    return structure;
  }
  if (head.toString('latin1', 4, 8) === 'ftyp') {
    const boxes = await listBoxes(fh, 0, size);
    if (boxes.some((box) => box.end > size)) throw corrupt(file, 'it ends in the middle of its data (truncated)');
  }
  return null;
}

function checkEnd(file: FoundFile, mime: string, structure: JpegStructure | null, scan: { lastEndOfImage: number; tail: Buffer }): void {
  if (mime === 'image/jpeg' && structure && scan.lastEndOfImage < structure.scanStart) {
    throw corrupt(file, 'the picture data stops before its end marker (truncated)');
  }
  if (mime === 'image/png' && !scan.tail.includes('IEND', 0, 'latin1')) throw corrupt(file, 'the PNG stops before its end (truncated)');
}

async function readMetadata(fh: FileHandle, file: FoundFile, size: number, mime: string, head: Buffer, structure: JpegStructure | null): Promise<RawMetadata> {
  const blocks = await containerBlocks(fh, size, mime);
  if (blocks) return readBlocks(blocks);
  // Whole file, or a JPEG whose metadata segments (all before the scan) fit in the head: no second read.
  if (size <= head.length) return readDirect(head);
  if (structure && structure.scanStart <= head.length) return readDirect(head.subarray(0, structure.scanStart));
  return readDirect(file.path);
}

/** Every one of the reads settles before this returns: they share the lent buffers, which go to the next photo. */
async function allSettledFirst<T extends unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
}

async function inspectOpen(fh: FileHandle, file: FoundFile, buffers: ReadBuffers, o: { signal?: AbortSignal }): Promise<InspectedPhoto> {
  const stat = await fh.stat();
  if (!stat.isFile()) throw new AppError('UNREADABLE', `${file.path} is not a regular file. Nothing to upload; ignore it.`);
  if (stat.size === 0) {
    throw new AppError('EMPTY_FILE', `${file.path} is empty (0 bytes). Copy it again from the card or camera, then retry it.`);
  }
  // The head holds every header we read ourselves; metadata beyond it is read by exifr in chunks.
  const { bytesRead } = await fh.read(buffers.head, 0, buffers.head.length, 0);
  const head = buffers.head.subarray(0, bytesRead);
  const sniffed = sniffPhotoType(head);
  if (!sniffed) {
    throw new AppError('NOT_A_PHOTO', `${file.path} is not a photo in a supported format (its content is not JPEG, HEIC, PNG, TIFF, WebP, AVIF or RAW). It will not be uploaded.`);
  }
  const mimeType = resolveMimeType(file.path, sniffed);
  const structure = await checkStructure(fh, file, stat.size, mimeType, head);
  o.signal?.throwIfAborted();
  const [scan, raw, sidecar] = await allSettledFirst<[HashScan, RawMetadata, Awaited<ReturnType<typeof findSidecar>>]>([
    hashAndScan(file.path, { signal: o.signal, scanJpegEnd: mimeType === 'image/jpeg', head, size: stat.size, chunk: buffers.chunk }),
    readMetadata(fh, file, stat.size, mimeType, head, structure),
    findSidecar(file.path),
  ]);
  if (scan.bytes !== stat.size) {
    throw new AppError('FILE_CHANGED', `${file.path} changed while it was being read. It will be read again once it stops changing.`);
  }
  checkEnd(file, mimeType, structure, scan);
  raw.sidecar = sidecar;
  raw.pixelSize = await pixelSizeOf(fh, stat.size, mimeType, head, structure, raw);
  const metadatas = toMetadatas(raw, { filename: basename(file.path), relativePath: file.relativePath, sha1: scan.sha1, size: stat.size, mimeType });
  return { sha1: scan.sha1, size: stat.size, mtimeMs: stat.mtimeMs, mimeType, metadatas };
}

export async function inspectPhoto(file: FoundFile, o: { signal?: AbortSignal } = {}): Promise<InspectedPhoto> {
  let fh: FileHandle;
  try {
    fh = await open(file.path, 'r');
  } catch (error) {
    throw classifyNodeError(error, file.path);
  }
  try {
    return await withReadBuffers((buffers) => inspectOpen(fh, file, buffers, o));
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (error instanceof Error && error.name === 'AbortError') throw error;
    throw classifyNodeError(error, file.path);
  } finally {
    await fh.close().catch(() => undefined);
  }
}
