/**
 * A small JPEG of a HEIC/HEIF photo that has no embedded JPEG preview (an iPhone's thumbnail is
 * itself HEVC), decoded once ever per content: kept on disk as <cacheDir>/<sha1>.jpg, and a photo
 * that cannot be decoded as <sha1>.failed, so neither is decoded again. Both the engine (queue
 * tiles, before upload) and the demo-mode Cloudinary server (its .jpg renditions) use it.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createHeicDecoder, DecodeError, type HeicDecoder } from './heic-decoder';

/** The longer side of the thumbnail: a 400×300 tile on a 1× screen, a few tens of KB. */
export const THUMBNAIL_MAX_SIDE = 480;
const QUALITY = 80;
/** Larger files are not read whole into memory for a thumbnail. */
const MAX_HEIC_BYTES = 200 * 1024 * 1024;
const HEIF_NAME = /\.(heic|heif|hif)$/i;

export function isHeifName(name: string): boolean {
  return HEIF_NAME.test(name);
}

export type HeicThumbnail = { ok: true; jpeg: Buffer } | { ok: false; reason: 'busy' | 'failed'; message: string };

export interface HeicThumbnails {
  /** The cached or freshly decoded JPEG; `sha1` when the caller knows it already (else it is computed). */
  thumbnail(file: string, sha1?: string | null): Promise<HeicThumbnail>;
}

let sharedDecoder: HeicDecoder | null = null;
/** One decoder for the whole process: one decode at a time, one wasm heap, whoever asks. */
export function processDecoder(): HeicDecoder {
  return (sharedDecoder ??= createHeicDecoder());
}

const byDir = new Map<string, HeicThumbnails>();
/** The thumbnails kept in this folder (one instance per folder, so two callers share in-flight work). */
export function heicThumbnailsIn(cacheDir: string): HeicThumbnails {
  let found = byDir.get(cacheDir);
  if (!found) byDir.set(cacheDir, (found = createHeicThumbnails(cacheDir, processDecoder())));
  return found;
}

export function createHeicThumbnails(cacheDir: string, decoder: HeicDecoder): HeicThumbnails {
  const inFlight = new Map<string, Promise<HeicThumbnail>>();
  const cached = (sha1: string) => path.join(cacheDir, `${sha1}.jpg`);
  const failedMark = (sha1: string) => path.join(cacheDir, `${sha1}.failed`);

  const fromDisk = async (sha1: string): Promise<HeicThumbnail | null> => {
    const jpeg = await readFile(cached(sha1)).catch(() => null);
    if (jpeg) return { ok: true, jpeg };
    const failure = await readFile(failedMark(sha1), 'utf8').catch(() => null);
    return failure === null ? null : { ok: false, reason: 'failed', message: failure };
  };
  const keep = async (target: string, body: Buffer | string) => {
    await mkdir(cacheDir, { recursive: true });
    const temporary = `${target}.${process.pid}.tmp`;
    await writeFile(temporary, body);
    await rename(temporary, target);
  };
  const decodeAndKeep = async (bytes: Buffer, sha1: string): Promise<HeicThumbnail> => {
    try {
      const { jpeg } = await decoder.decode(bytes, THUMBNAIL_MAX_SIDE, QUALITY);
      await keep(cached(sha1), jpeg).catch(() => undefined);
      return { ok: true, jpeg };
    } catch (error) {
      const reason = error instanceof DecodeError ? error.kind : 'failed';
      const message = error instanceof Error ? error.message : String(error);
      // A photo that cannot be decoded is remembered as such; being busy is not a fact about the photo.
      if (reason === 'failed') await keep(failedMark(sha1), message).catch(() => undefined);
      return { ok: false, reason, message };
    }
  };
  const produce = async (file: string, knownSha1: string | null): Promise<HeicThumbnail> => {
    const early = knownSha1 ? await fromDisk(knownSha1) : null;
    if (early) return early;
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_HEIC_BYTES) return { ok: false, reason: 'failed', message: 'not a file PixDrop decodes for a thumbnail' };
    const bytes = await readFile(file);
    const sha1 = knownSha1 ?? createHash('sha1').update(bytes).digest('hex');
    return (knownSha1 ? null : await fromDisk(sha1)) ?? decodeAndKeep(bytes, sha1);
  };

  return {
    async thumbnail(file, sha1 = null) {
      const key = sha1 ?? file;
      let pending = inFlight.get(key);
      if (!pending) {
        pending = produce(file, sha1).catch((error: Error) => ({ ok: false as const, reason: 'failed' as const, message: error.message }));
        inFlight.set(key, pending);
        void pending.finally(() => inFlight.delete(key));
      }
      return pending;
    },
  };
}
