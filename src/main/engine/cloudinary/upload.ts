/**
 * uploadFile: one file to Cloudinary, streamed from disk. At most one chunk size; above it, sequential
 * chunks sharing one X-Unique-Upload-Id, each re-signed. No retries here: every failure becomes one
 * AppError and the scheduler decides; it calls again with `resume` to continue at the last
 * acknowledged byte.
 *
 * Invariants: `onChunkAcknowledged` is awaited before the next byte leaves (the engine persists the
 * id and offset there), and it is called with offset 0 before the first chunk of every new upload id.
 */
import { stallTimeout } from '../net/stall';
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { AppError } from '../../../shared/errors';
import { classifyNodeError } from '../queue/retry-policy';
import { systemClock, type Clock } from '../types';
import { contentRangeHeader, needsChunking, remainingChunks, type ChunkRange } from './chunks';
import { readChunkAnswer, readFinalAnswer, type CloudinaryUploadResponse } from './response';
import type { UploadSigner } from './signer';
import { postMultipart, type RateSource, type RawAnswer } from './transport';

export { createLocalSigner, type SignedRequest, type UploadSigner } from './signer';
export type { CloudinaryUploadResponse } from './response';

export interface UploadProgress {
  uploadId: string;
  bytesConfirmed: number;
}

export interface UploadFileOptions {
  path: string;
  size: number;
  filename: string;
  /** What to sign and send: type, tags, public_id, faces, colors, image_metadata, phash, notification_url… */
  params: Record<string, string>;
  /** Cloudinary's resource type: the upload goes to …/image/upload or …/video/upload. Default image. */
  resourceType?: 'image' | 'video';
  signer: UploadSigner;
  chunkSize: number;
  /** Continue a chunked upload at bytesConfirmed with the same id. */
  resume?: UploadProgress | null;
  /** Awaited before the next chunk; also called with 0 and a new id before a new chunked upload starts. */
  onChunkAcknowledged?(p: UploadProgress): void | Promise<void>;
  /** Bytes of the file sent so far (confirmed + in flight). */
  onProgress?(bytesDone: number): void;
  /** Size and mtime are re-checked before every request; a change → FILE_CHANGED. */
  expectedMtimeMs?: number;
  signal?: AbortSignal;
  /** No byte moving for this long aborts the request (net/stall.ts; its default when unset). */
  stallTimeoutMs?: number;
  /** A fixed limit, or a function read before every piece (the limit can change mid-upload). */
  bytesPerSecond?: RateSource;
  clock?: Clock;
  /** Awaited before each request (and before it is signed, so the timestamp is fresh). */
  beforeRequest?(): Promise<void>;
}

/** 32 hex chars: unique per upload, any unique string is accepted by Cloudinary. */
export function newUploadId(): string {
  return randomBytes(16).toString('hex');
}

async function ensureUnchanged(o: UploadFileOptions): Promise<void> {
  let info;
  try {
    info = await stat(o.path);
  } catch (error) {
    throw classifyNodeError(error, `"${o.filename}"`);
  }
  const mtimeMoved = o.expectedMtimeMs !== undefined && Math.abs(info.mtimeMs - o.expectedMtimeMs) >= 1;
  if (info.size !== o.size || mtimeMoved) {
    throw new AppError('FILE_CHANGED', `"${o.filename}" changed while it was being uploaded. It will be uploaded again from the start.`, {
      details: { expectedSize: o.size, actualSize: info.size },
    });
  }
}

async function sendSlice(o: UploadFileOptions, range: ChunkRange, chunkHeaders: Record<string, string> | null): Promise<RawAnswer> {
  await o.beforeRequest?.();
  await ensureUnchanged(o);
  if (o.signal?.aborted)
    throw new AppError('ABORTED', 'The upload was stopped before it finished; it continues from the last confirmed chunk.', { details: { aborted: true } });
  const signed = await o.signer.sign(o.params, o.resourceType ?? 'image');
  return postMultipart({
    url: signed.url,
    headers: chunkHeaders ?? undefined,
    fields: signed.fields,
    file: { path: o.path, start: range.start, end: range.end, filename: o.filename },
    signal: o.signal,
    stallTimeoutMs: stallTimeout(o.stallTimeoutMs),
    bytesPerSecond: o.bytesPerSecond,
    onFileBytes: (sent) => o.onProgress?.(range.start + sent),
  });
}

export async function uploadFile(o: UploadFileOptions): Promise<CloudinaryUploadResponse> {
  const clock = o.clock ?? systemClock;
  if (o.size === 0) {
    throw new AppError('EMPTY_FILE', `"${o.filename}" is empty (0 bytes), so there is nothing to upload. Check the file.`);
  }
  if (!needsChunking(o.size, o.chunkSize)) {
    const answer = await sendSlice(o, { start: 0, end: o.size - 1 }, null);
    return readFinalAnswer(answer, clock.now());
  }
  return uploadInChunks(o, clock);
}

function usableResume(resume: UploadProgress | null | undefined, size: number): UploadProgress | null {
  if (!resume || !resume.uploadId) return null;
  if (resume.bytesConfirmed < 0 || resume.bytesConfirmed >= size) return null;
  return resume;
}

async function startNewUpload(o: UploadFileOptions): Promise<UploadProgress> {
  const fresh = { uploadId: newUploadId(), bytesConfirmed: 0 };
  await o.onChunkAcknowledged?.(fresh);
  return fresh;
}

/** A 4xx other than auth/rate-limit on the first chunk of a resume: the server forgot the parts. */
function lostPartialState(error: unknown): boolean {
  return error instanceof AppError && error.code === 'REJECTED';
}

async function uploadInChunks(o: UploadFileOptions, clock: Clock): Promise<CloudinaryUploadResponse> {
  let progress = usableResume(o.resume, o.size) ?? (await startNewUpload(o));
  let resuming = progress.bytesConfirmed > 0;
  for (;;) {
    try {
      return await sendRemainingChunks(o, progress, clock, (next) => {
        progress = next;
        resuming = false;
      });
    } catch (error) {
      if (!resuming || !lostPartialState(error)) throw error;
      resuming = false;
      progress = await startNewUpload(o);
    }
  }
}

async function sendRemainingChunks(
  o: UploadFileOptions,
  from: UploadProgress,
  clock: Clock,
  acknowledged: (p: UploadProgress) => void,
): Promise<CloudinaryUploadResponse> {
  for (const range of remainingChunks(o.size, o.chunkSize, from.bytesConfirmed)) {
    const headers = { 'X-Unique-Upload-Id': from.uploadId, 'Content-Range': contentRangeHeader(range, o.size) };
    const answer = await sendSlice(o, range, headers);
    if (range.end === o.size - 1) return readFinalAnswer(answer, clock.now());
    readChunkAnswer(answer, clock.now());
    const next = { uploadId: from.uploadId, bytesConfirmed: range.end + 1 };
    acknowledged(next);
    await o.onChunkAcknowledged?.(next);
  }
  // remainingChunks always ends with the final range; reaching here means size/offset were inconsistent.
  throw new AppError('INTERNAL', `Chunk plan for "${o.filename}" ended without a final chunk.`);
}
