/**
 * What the local Cloudinary reports about stored bytes: dimensions and format from the real bytes,
 * md5 etag, EXIF as strings for image_metadata, and cheap deterministic stand-ins for the analyses
 * (phash, colors) that the real service computes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import exifr from 'exifr';
import { imageSize } from 'image-size';
import { imageSizeFromFile } from 'image-size/fromFile';
import { describeVideo } from './describe-video';

export interface Description {
  width: number | null;
  height: number | null;
  format: string;
  etag: string;
  bytes: number;
  /** Set for a video: what a `resource_type: video` answer adds. */
  video?: { duration: number | null; rotation: number | null };
}

/** RAW formats are kept as they are: no decoded dimensions, the extension as format. */
const RAW_EXTENSIONS = new Set(['dng', 'cr2', 'cr3', 'nef', 'nrw', 'arw', 'srf', 'sr2', 'raf', 'rw2', 'orf', 'pef', 'srw', 'x3f', '3fr', 'iiq', 'rwl']);
/** image-size's names → Cloudinary's format names (all HEIF brands are reported as heic). */
const FORMAT_BY_TYPE: Record<string, string> = { heif: 'heic', heix: 'heic', hevc: 'heic', heic: 'heic' };

/**
 * A stored file up to this size is read into memory once, and its md5, dimensions and tags are all
 * taken from that one buffer: a season of small photos otherwise opened and read each file five times.
 */
export const READ_WHOLE_BYTES = 8 * 1024 * 1024;

/** The stored file's bytes when it is small enough to hold (null: read it from disk as needed). */
export async function readIfSmall(filePath: string): Promise<Buffer | null> {
  const handle = await open(filePath, 'r');
  try {
    const { size } = await handle.stat();
    return size <= READ_WHOLE_BYTES ? await handle.readFile() : null;
  } finally {
    await handle.close();
  }
}

async function md5AndSize(filePath: string, whole: Buffer | null): Promise<{ etag: string; bytes: number }> {
  if (whole) return { etag: createHash('md5').update(whole).digest('hex'), bytes: whole.length };
  const hash = createHash('md5');
  let bytes = 0;
  for await (const piece of createReadStream(filePath)) {
    hash.update(piece as Buffer);
    bytes += (piece as Buffer).length;
  }
  return { etag: hash.digest('hex'), bytes };
}

function extensionOf(filename: string): string {
  return path.extname(filename).slice(1).toLowerCase();
}

async function sizeAndFormat(filePath: string, filename: string, whole: Buffer | null): Promise<Pick<Description, 'width' | 'height' | 'format'>> {
  const extension = extensionOf(filename);
  if (RAW_EXTENSIONS.has(extension)) return { width: null, height: null, format: extension };
  try {
    const size = whole ? imageSize(whole) : await imageSizeFromFile(filePath);
    const type = size.type ?? '';
    // image-size calls every ISO-BMFF still "heif"; Cloudinary names HEIC files heic.
    const format = FORMAT_BY_TYPE[type] ?? (type || extension);
    return { width: size.width ?? null, height: size.height ?? null, format };
  } catch {
    return { width: null, height: null, format: extension };
  }
}

/** `whole`: the file's bytes when readIfSmall gave them, so nothing is read again. */
export async function describeFile(filePath: string, filename: string, whole: Buffer | null = null): Promise<Description> {
  const { etag, bytes } = await md5AndSize(filePath, whole);
  const video = await describeVideo(filePath, filename, bytes).catch(() => null);
  if (video)
    return { width: video.width, height: video.height, format: video.format, etag, bytes, video: { duration: video.duration, rotation: video.rotation } };
  return { ...(await sizeAndFormat(filePath, filename, whole)), etag, bytes };
}

function asText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value) && value.every((item) => typeof item !== 'object')) return value.join(', ');
  return null; // binary blobs and nested structures are not metadata a person reads
}

/**
 * exifr caches a parsed form of every options object it is given, keyed by identity and never
 * released: options built per call grew demo mode by ~15 KB per stored photo. One object each.
 */
const BASIC_TAGS = { tiff: true, exif: true, gps: true, reviveValues: false, mergeOutput: true } as const;
const EXTENDED_TAGS = { tiff: false, exif: false, gps: false, iptc: true, xmp: true, reviveValues: false, mergeOutput: true } as const;

async function parseTags(source: string | Buffer, options: typeof BASIC_TAGS | typeof EXTENDED_TAGS): Promise<Record<string, unknown>> {
  try {
    const tags = (await exifr.parse(source, options)) as Record<string, unknown> | undefined;
    return tags ?? {};
  } catch {
    return {};
  }
}

/** EXIF/IPTC/XMP tags as strings, like Cloudinary's image_metadata. Unreadable → {}. `source`: a path or the whole file. */
export async function readImageMetadata(source: string | Buffer): Promise<Record<string, string>> {
  // Read apart: a damaged XMP or IPTC block (common in RAW files) must not hide the EXIF.
  const basic = await parseTags(source, BASIC_TAGS);
  const extended = await parseTags(source, EXTENDED_TAGS);
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...extended, ...basic })) {
    if (key === 'errors') continue;
    const text = asText(value);
    if (text !== null && text !== '') out[key] = text;
  }
  return out;
}

/** Stand-ins for Cloudinary's analyses: deterministic per content, shaped like the real fields. */
export function analysisStandIns(etag: string): { phash: string; colors: Array<[string, number]>; predominant: { google: Array<[string, number]> } } {
  const hex = (offset: number) => `#${etag.slice(offset, offset + 6).toUpperCase()}`;
  return {
    phash: createHash('sha1').update(etag).digest('hex').slice(0, 16),
    colors: [
      [hex(0), 60.2],
      [hex(6), 25.1],
      [hex(12), 14.7],
    ],
    predominant: {
      google: [
        ['gray', 60.2],
        ['black', 25.1],
        ['white', 14.7],
      ],
    },
  };
}

/** EXIF thumbnails sit near the start of the file; reading a bounded head keeps memory small. */
const THUMBNAIL_SEARCH_BYTES = 4 * 1024 * 1024;

async function readHead(filePath: string, length: number): Promise<Buffer> {
  const handle = await open(filePath, 'r');
  try {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export async function embeddedThumbnail(filePath: string): Promise<Buffer | null> {
  try {
    // A buffer, not the path: exifr leaves its file handle open when it fails on some RAW files.
    const bytes = await exifr.thumbnail(await readHead(filePath, THUMBNAIL_SEARCH_BYTES));
    // Only a real JPEG (SOI marker) is worth sending to a browser.
    return bytes && bytes.length > 100 && bytes[0] === 0xff && bytes[1] === 0xd8 ? Buffer.from(bytes) : null;
  } catch {
    return null;
  }
}
