/**
 * inspectPhoto: everything the uploader needs to know about one found file, from one read of its bytes
 * (on the reading thread): stat, content check (empty, not a photo, truncated), SHA-1, metadata, sidecar
 * enrichment. Every failure is an AppError that names the file and says what to do.
 */
import { basename } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import { classifyNodeError } from '../queue/retry-policy';
import { containerBlocks, listBoxes } from '../metadata/containers';
import { readBlocks, readDirect, type RawMetadata } from '../metadata/exif-read';
import { toMetadatas } from '../metadata/exif';
import { readJpegStructure, type JpegStructure } from '../metadata/jpeg-structure';
import { readFlir } from '../metadata/flir';
import { resolveMimeType, sniffPhotoType } from '../metadata/photo-types';
import { photoBytes, type PhotoBytes } from './photo-bytes';
import { pixelSizeOf } from '../metadata/pixel-size';
import { withPngProfiles } from '../metadata/png-profiles';
import { OUTSIDE_FOLDER } from './reader-program';
import { sharedPhotoReader, type PhotoRead } from './reader-thread';
import { findSidecar } from '../metadata/sidecar';
import { readVideoFacts, sniffVideoType, videoMetadatas } from '../metadata/video-metadata';
import type { FoundFile } from '../discover/walk';

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

async function checkStructure(photo: PhotoBytes, file: FoundFile, mime: string): Promise<JpegStructure | null> {
  if (mime === 'image/jpeg') {
    const structure = await readJpegStructure(photo);
    if (!structure) throw corrupt(file, 'its JPEG data is cut short or broken before the image starts');
    return structure;
  }
  if (photo.head.toString('latin1', 4, 8) === 'ftyp') {
    const boxes = await listBoxes(photo, 0, photo.size);
    if (boxes.some((box) => box.end > photo.size)) throw corrupt(file, 'it ends in the middle of its data (truncated)');
  }
  return null;
}

function checkEnd(file: FoundFile, mime: string, structure: JpegStructure | null, scan: Pick<PhotoRead, 'lastEndOfImage' | 'tail'>): void {
  if (mime === 'image/jpeg' && structure && scan.lastEndOfImage < structure.scanStart) {
    throw corrupt(file, 'the picture data stops before its end marker (truncated)');
  }
  if (mime === 'image/png' && !scan.tail.includes('IEND', 0, 'latin1')) throw corrupt(file, 'the PNG stops before its end (truncated)');
}

async function readMetadata(photo: PhotoBytes, file: FoundFile, mime: string, structure: JpegStructure | null): Promise<RawMetadata> {
  const blocks = await containerBlocks(photo, mime);
  if (blocks) return readBlocks(blocks);
  const raw = await readWithExifr(photo, file, structure);
  return mime === 'image/png' ? withPngProfiles(photo, raw) : raw;
}

async function readWithExifr(photo: PhotoBytes, file: FoundFile, structure: JpegStructure | null): Promise<RawMetadata> {
  const { head } = photo;
  // Whole file, or a JPEG whose metadata segments (all before the scan) fit in the head: no second read.
  if (photo.size <= head.length) return readDirect(head);
  if (structure && structure.scanStart <= head.length) return readDirect(head.subarray(0, structure.scanStart));
  return readDirect(file.path);
}

/** Every one of the reads settles before this returns: they share the head, which goes to the next photo. */
async function allSettledFirst<T extends unknown[]>(work: { [K in keyof T]: Promise<T[K]> }): Promise<T> {
  const results = await Promise.allSettled(work);
  const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return results.map((r) => (r as PromiseFulfilledResult<unknown>).value) as T;
}

export interface InspectOptions {
  signal?: AbortSignal;
  /** Something the user should know that does not stop the photo (a sidecar that could not be used). */
  onWarning?: (message: string) => void;
}

async function inspectRead(file: FoundFile, read: PhotoRead, photo: PhotoBytes, o: InspectOptions): Promise<InspectedPhoto> {
  if (!read.regular) throw new AppError('UNREADABLE', `${file.path} is not a regular file. Nothing to upload; ignore it.`);
  if (read.size === 0) {
    throw new AppError('EMPTY_FILE', `${file.path} is empty (0 bytes). Copy it again from the card or camera, then retry it.`);
  }
  if (read.bytes !== read.size) {
    throw new AppError('FILE_CHANGED', `${file.path} changed while it was being read. It will be read again once it stops changing.`);
  }
  const sniffed = sniffPhotoType(read.head);
  const video = sniffed ? null : sniffVideoType(read.head);
  if (video) return inspectVideo(file, read, photo, video);
  if (!sniffed) {
    throw new AppError(
      'NOT_A_PHOTO',
      `${file.path} is not a photo or video in a supported format (its content is not JPEG, HEIC, PNG, TIFF, WebP, AVIF, RAW, MP4/MOV, MTS or AVI). It will not be uploaded.`,
    );
  }
  const mimeType = resolveMimeType(file.path, sniffed);
  const structure = await checkStructure(photo, file, mimeType);
  checkEnd(file, mimeType, structure, read);
  o.signal?.throwIfAborted();
  const [raw, sidecar] = await allSettledFirst<[RawMetadata, Awaited<ReturnType<typeof findSidecar>>]>([
    readMetadata(photo, file, mimeType, structure),
    findSidecar(file.path, (refused) => o.onWarning?.(refused.message)),
  ]);
  raw.sidecar = sidecar;
  if (structure?.flirChunks.length) raw.flir = await readFlir(photo, structure.flirChunks);
  raw.pixelSize = await pixelSizeOf(photo, mimeType, structure, raw);
  const metadatas = toMetadatas(raw, { filename: basename(file.path), relativePath: file.relativePath, sha1: read.sha1, size: read.size, mimeType });
  return { sha1: read.sha1, size: read.size, mtimeMs: read.mtimeMs, mimeType, metadatas };
}

async function inspectVideo(file: FoundFile, read: PhotoRead, photo: PhotoBytes, mimeType: string): Promise<InspectedPhoto> {
  if (photo.head.toString('latin1', 4, 8) === 'ftyp') {
    const boxes = await listBoxes(photo, 0, photo.size);
    if (boxes.some((box) => box.end > photo.size)) throw corrupt(file, 'it ends in the middle of its data (truncated)');
  }
  const facts = await readVideoFacts(photo, mimeType);
  const metadatas = videoMetadatas(facts, { filename: basename(file.path), relativePath: file.relativePath, sha1: read.sha1, size: read.size, mimeType });
  return { sha1: read.sha1, size: read.size, mtimeMs: read.mtimeMs, mimeType, metadatas };
}

function asInspectionError(error: unknown, file: FoundFile): unknown {
  if (error instanceof AppError) return error;
  if ((error as { code?: string }).code === OUTSIDE_FOLDER) {
    return new AppError(
      'UNREADABLE',
      `${file.path} now leads outside the folder ${file.root} (a symbolic link was put in its place). Nothing outside a chosen folder is read, so it is not uploaded.`,
      {
        details: { path: file.path },
      },
    );
  }
  if (error instanceof Error && error.name === 'AbortError') return error;
  return classifyNodeError(error, file.path);
}

export async function inspectPhoto(file: FoundFile, o: InspectOptions = {}): Promise<InspectedPhoto> {
  let read: PhotoRead;
  try {
    read = await sharedPhotoReader().read(file.path, { signal: o.signal, within: file.root });
  } catch (error) {
    throw asInspectionError(error, file);
  }
  const photo = photoBytes(file.path, read.size, read.head);
  try {
    return await inspectRead(file, read, photo, o);
  } catch (error) {
    throw asInspectionError(error, file);
  } finally {
    await photo.close();
    read.release();
  }
}
