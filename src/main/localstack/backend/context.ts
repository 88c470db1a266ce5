/**
 * What every route of the local album backend shares, plus the few helpers they all need
 * (JSON errors, album access). Routes stay small; the rules live here and in store/tokens.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyReply } from 'fastify';
import type { AlbumView } from '../../../shared/api';
import type { Clock, CloudinaryConfig, Logger } from '../../engine/types';
import { buildImageRecord, type ImageRecord } from './image-record';
import type { AlbumRow, AlbumSummary, BackendStore } from './store';
import { mayUpload, type TokenKit, type UserClaims } from './tokens';

export interface BackendCounters {
  requests: number;
  imagePosts: number;
  webhookPosts: number;
  imageDeletes: number;
}

export interface BackendContext {
  store: BackendStore;
  tokens: TokenKit;
  clock: Clock;
  cloudinary: CloudinaryConfig | null;
  logger?: Logger;
  counters: BackendCounters;
  /** True while the backend plays one that does not deduplicate by public_id (FaultOptions.duplicates). */
  keepsDuplicates(): boolean;
  /** The server's own base URL (known once it listens). */
  baseUrl(): string;
}

declare module 'fastify' {
  interface FastifyRequest {
    claims?: UserClaims;
  }
}

export function nowIso(ctx: BackendContext): string {
  return new Date(ctx.clock.now()).toISOString();
}

export function sendError(reply: FastifyReply, status: number, message: string): FastifyReply {
  return reply.code(status).send({ error: message });
}

export function albumView(summary: AlbumSummary): AlbumView {
  return { id: summary.id, name: summary.name, images_count: summary.images_count, cover_url: summary.cover_url, updated_at: summary.updated_at };
}

/** Creates the album row on first use of an id the token was granted (ids come from elsewhere). */
export function ensureAlbum(ctx: BackendContext, id: string, ownerUserId: string | null, name = id): AlbumRow {
  const existing = ctx.store.getAlbum(id);
  if (existing) return existing;
  const at = nowIso(ctx);
  const row: AlbumRow = { id, name, owner_user_id: ownerUserId, created_at: at, updated_at: at };
  ctx.store.insertAlbum(row);
  return row;
}

/** The album if this token may use it; otherwise answers 403/404 and returns null. */
export function albumForRequest(ctx: BackendContext, claims: UserClaims, albumId: string, reply: FastifyReply): AlbumRow | null {
  const album = ctx.store.getAlbum(albumId);
  if (!mayUpload(claims, album, albumId)) {
    sendError(reply, album ? 403 : 404, album ? `This token may not use album ${albumId}.` : `No album ${albumId}.`);
    return null;
  }
  return album ?? ensureAlbum(ctx, albumId, claims.user_id);
}

/**
 * Create-or-update by Cloudinary public_id within the album: webhook and POST end in one record.
 * Unless the backend is told to keep duplicates: then every call creates a record.
 */
export function upsertImage(ctx: BackendContext, albumId: string, infos: Record<string, unknown>, metadatas: Record<string, unknown>): ImageRecord {
  const cldPublicId = String(infos.public_id);
  return ctx.store.transaction(() => {
    const previous = ctx.keepsDuplicates() ? null : ctx.store.findImage(albumId, cldPublicId);
    const record = buildImageRecord({ id: previous?.id ?? randomUUID(), albumId, infos, metadatas, nowIso: nowIso(ctx), previous });
    ctx.store.saveImage(record, cldPublicId);
    return record;
  });
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
