/**
 * The image record of seed 002, built from Cloudinary's fields (pure). Create and update share
 * one builder so a webhook and a POST for the same public_id end in one consistent record.
 */
import type { ImageRecord } from '../../engine/backend/client';

export type { ImageRecord };

const THUMBNAIL = 'c_fill,h_300,w_300';

/**
 * `{prefix}/{cloud}/image/{type}/v{version}/{public_id}.{format}` →
 * `{prefix}/{cloud}/image/{type}/{transformation}/v{version}/{public_id}.jpg`.
 * Null when the URL does not carry `/v{version}/`.
 */
export function transformedUrl(secureUrl: string, version: string, transformation: string): string | null {
  const marker = `/v${version}/`;
  const at = secureUrl.lastIndexOf(marker);
  if (!version || at < 0) return null;
  const rest = secureUrl.slice(at + marker.length);
  const dot = rest.lastIndexOf('.');
  const stem = dot > rest.lastIndexOf('/') && dot >= 0 ? rest.slice(0, dot) : rest;
  return `${secureUrl.slice(0, at)}/${transformation}${marker}${stem}.jpg`;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function integer(value: unknown): number | null {
  const n = Number(value);
  return value !== undefined && value !== null && value !== '' && Number.isFinite(n) ? Math.round(n) : null;
}

/** EXIF `2018:01:01 08:00:00` → `2018-01-01T08:00:00.000+00:00`, as the seed shows (no zone known). */
export function exifDateToIso(value: unknown): string | null {
  const match = typeof value === 'string' ? /^(\d{4}):(\d{2}):(\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(value) : null;
  if (!match) return null;
  const [, y, mo, d, h, mi, s] = match;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.000+00:00`;
}

function gpsOf(metadatas: Record<string, unknown>): { latitude: number; longitude: number } | null {
  const latitude = Number(metadatas.gps_latitude);
  const longitude = Number(metadatas.gps_longitude);
  if (metadatas.gps_latitude === undefined || metadatas.gps_longitude === undefined) return null;
  return Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : null;
}

function thumbnailsOf(infos: Record<string, unknown>): { thumbnails: Record<string, string>; original: string | null } {
  const original = text(infos.secure_url) ?? text(infos.url);
  if (!original) return { thumbnails: {}, original: null };
  const small = transformedUrl(original, String(infos.version ?? ''), THUMBNAIL) ?? original;
  return { thumbnails: { mini: small, large: small, full: original, original }, original };
}

export interface RecordInput {
  id: string;
  albumId: string;
  infos: Record<string, unknown>;
  metadatas: Record<string, unknown>;
  nowIso: string;
  /** The record this one updates (same album, same Cloudinary public_id). */
  previous?: ImageRecord | null;
}

export function buildImageRecord(input: RecordInput): ImageRecord {
  const previous = input.previous ?? null;
  // A webhook carries fewer fields than the desktop's POST: merge, never forget what is known.
  const infos = { ...(previous?.infos ?? {}), ...input.infos };
  const metadatas = { ...(previous?.metadatas ?? {}), ...input.metadatas };
  const exifs = infos.image_metadata && typeof infos.image_metadata === 'object' ? (infos.image_metadata as Record<string, unknown>) : null;
  const { thumbnails, original } = thumbnailsOf(infos);
  const width = integer(infos.width);
  const height = integer(infos.height);
  return {
    id: input.id,
    public_id: input.id,
    infos,
    exifs,
    gps: gpsOf(metadatas),
    gps_ip: null,
    gps_exifs: null,
    gps_html: null,
    created_at: (previous?.created_at as string | undefined) ?? input.nowIso,
    updated_at: input.nowIso,
    taken_at: text(metadatas.taken_at) ?? exifDateToIso(exifs?.DateTimeOriginal),
    width,
    height,
    rotation: 0,
    crop_x: 0,
    crop_y: 0,
    crop_w: 0,
    crop_h: 0,
    metadatas,
    original_url: original,
    original_width: width,
    original_height: height,
    filename: text(metadatas.filename) ?? text(infos.original_filename),
    format: text(infos.format),
    title: previous?.title ?? text(metadatas.title),
    description: previous?.description ?? text(metadatas.description),
    size: text(infos.bytes),
    processed: false,
    processing_error: null,
    album_id: input.albumId,
    thumbnails,
  };
}

export interface ImagePatch {
  title?: string;
  description?: string;
  metadatas?: Record<string, unknown>;
  /** A new Cloudinary upload answer: the photo itself is replaced. */
  cloudinary?: Record<string, unknown>;
}

export function patchImageRecord(record: ImageRecord, patch: ImagePatch, nowIso: string): ImageRecord {
  // A new upload replaces what was known of the old one (not merged), but id, title and description stay.
  const base = patch.cloudinary
    ? buildImageRecord({
        id: record.id,
        albumId: record.album_id,
        infos: patch.cloudinary,
        metadatas: record.metadatas,
        nowIso,
        previous: { ...record, infos: {}, metadatas: {} },
      })
    : record;
  return {
    ...base,
    title: patch.title !== undefined ? patch.title : record.title,
    description: patch.description !== undefined ? patch.description : record.description,
    metadatas: patch.metadatas ? { ...record.metadatas, ...patch.metadatas } : record.metadatas,
    updated_at: nowIso,
  };
}
