/**
 * The engine's client for the album backend (contract §4). Every answer is checked for the
 * shape we rely on (a 200 with something else is BAD_RESPONSE, retried later) and every error
 * is an AppError, so the scheduler decides from the code alone.
 */
import { stallTimeout } from '../net/stall';
import { z } from 'zod';
import type { AlbumView } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { Metadatas } from '../../../shared/metadata';
import type { Logger } from '../types';
import { callBackend, callBackendWithHeaders, type BackendRequest, type HttpSettings, type TokenStore } from './http';
import { toRailsForm } from './rails-form';

export type { TokenStore };

export interface ImageRecord {
  id: string;
  public_id: string;
  infos: Record<string, unknown>;
  metadatas: Record<string, unknown>;
  title: string | null;
  description: string | null;
  taken_at: string | null;
  width: number | null;
  height: number | null;
  thumbnails: Record<string, string>;
  filename: string | null;
  album_id: string;
  [k: string]: unknown;
}

export interface UploadSignature {
  upload_url: string;
  api_key: string;
  timestamp: number | string;
  signature: string;
  params: Record<string, string>;
}

export interface BackendClient {
  listAlbums(): Promise<AlbumView[]>;
  createAlbum(name: string): Promise<AlbumView>;
  listImages(albumId: string, o?: { publicId?: string }): Promise<ImageRecord[]>;
  /** One page of the album's listing (newest first, `page` from 1); total from X-Total-Count when sent. */
  listImagesPage(albumId: string, o: { page: number; perPage: number }): Promise<{ records: ImageRecord[]; total: number | null }>;
  /** Deletes one record; false when it was already gone (404). */
  deleteImage(imageId: string): Promise<boolean>;
  registerImage(albumId: string, cloudinary: Record<string, unknown>, metadatas: Metadatas): Promise<ImageRecord>;
  patchImage(
    imageId: string,
    patch: { title?: string; description?: string; metadatas?: Record<string, unknown>; cloudinary?: Record<string, unknown> },
  ): Promise<ImageRecord>;
  uploadSignature(albumId: string, params: Record<string, string>): Promise<UploadSignature>;
}

const albumSchema = z.looseObject({
  id: z.coerce.string(),
  name: z.string(),
  images_count: z.coerce.number().default(0),
  cover_url: z.string().nullable().default(null),
  updated_at: z.string().default(''),
});

const nullableText = z.string().nullable().default(null);
const nullableNumber = z.coerce.number().nullable().default(null);
const imageSchema = z.looseObject({
  id: z.coerce.string(),
  public_id: z.coerce.string(),
  infos: z.record(z.string(), z.unknown()).default({}),
  metadatas: z
    .record(z.string(), z.unknown())
    .nullable()
    .default({})
    .transform((m) => m ?? {}),
  title: nullableText,
  description: nullableText,
  taken_at: nullableText,
  width: nullableNumber,
  height: nullableNumber,
  thumbnails: z
    .record(z.string(), z.string())
    .nullable()
    .default({})
    .transform((t) => t ?? {}),
  filename: nullableText,
  album_id: z.coerce.string(),
});

const signatureSchema = z.object({
  upload_url: z.string().url(),
  api_key: z.string(),
  timestamp: z.union([z.number(), z.string()]),
  signature: z.string(),
  params: z.record(z.string(), z.coerce.string()),
});

function expectShape<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  throw new AppError('BAD_RESPONSE', `The album backend sent ${what} in an unexpected shape. It will be retried automatically.`, {
    details: { issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.')}: ${issue.message}`) },
  });
}

const segment = (value: string) => encodeURIComponent(value);

/** The answer cap of an album's listing; any other answer gets the HTTP client's 8 MB. */
export const LISTING_ANSWER_CAP_BYTES = 64 * 1024 * 1024;

export function createBackendClient(o: { baseUrl: string; tokens: TokenStore; logger?: Logger; timeoutMs?: number }): BackendClient {
  const timeoutMs = stallTimeout(o.timeoutMs);
  const settings: HttpSettings = { baseUrl: o.baseUrl, tokens: o.tokens, logger: o.logger?.child('backend'), timeoutMs };
  const call = (req: BackendRequest) => callBackend(settings, req);
  const albumImages = (albumId: string) => `/api/v1/albums/${segment(albumId)}/images`;
  return {
    async listAlbums() {
      return expectShape(z.array(albumSchema), await call({ method: 'GET', path: '/api/v1/albums' }), 'the album list');
    },
    async createAlbum(name) {
      return expectShape(albumSchema, await call({ method: 'POST', path: '/api/v1/albums', json: { name } }), 'the new album');
    },
    async listImages(albumId, query = {}) {
      const filter = query.publicId !== undefined ? `?public_id=${encodeURIComponent(query.publicId)}` : '';
      // A whole album's records (a few KB each) may be tens of MB; one photo's lookup is small.
      const maxAnswerBytes = query.publicId === undefined ? LISTING_ANSWER_CAP_BYTES : undefined;
      return expectShape(z.array(imageSchema), await call({ method: 'GET', path: `${albumImages(albumId)}${filter}`, maxAnswerBytes }), 'the image list');
    },
    async listImagesPage(albumId, { page, perPage }) {
      const path = `${albumImages(albumId)}?page=${page}&per_page=${perPage}`;
      const { body, headers } = await callBackendWithHeaders(settings, { method: 'GET', path, maxAnswerBytes: LISTING_ANSWER_CAP_BYTES });
      const total = Number(Array.isArray(headers['x-total-count']) ? headers['x-total-count'][0] : headers['x-total-count']);
      return { records: expectShape(z.array(imageSchema), body, 'the image list'), total: Number.isSafeInteger(total) && total >= 0 ? total : null };
    },
    async deleteImage(imageId) {
      try {
        await call({ method: 'DELETE', path: `/api/v1/images/${segment(imageId)}` });
        return true;
      } catch (error) {
        if (error instanceof AppError && error.details?.httpStatus === 404) return false;
        throw error;
      }
    },
    async registerImage(albumId, cloudinary, metadatas) {
      const form = toRailsForm({ cloudinary, metadatas });
      return expectShape(imageSchema, await call({ method: 'POST', path: albumImages(albumId), form }), 'the registered image');
    },
    async patchImage(imageId, patch) {
      return expectShape(imageSchema, await call({ method: 'PATCH', path: `/api/v1/images/${segment(imageId)}`, json: patch }), 'the edited image');
    },
    async uploadSignature(albumId, params) {
      const path = `/api/v1/albums/${segment(albumId)}/upload_signature`;
      return expectShape(signatureSchema, await call({ method: 'POST', path, json: { params } }), 'the upload signature');
    },
  };
}
