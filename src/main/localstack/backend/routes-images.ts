/**
 * Image routes: register (seed 002, Rails bracket form body), list (newest first, optional
 * Cloudinary public_id filter, paged with X-Total-Count), edit (a new upload answer replaces the
 * photo itself) and delete.
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import { albumForRequest, isPlainObject, nowIso, sendError, upsertImage, type BackendContext } from './context';
import { patchImageRecord, type ImagePatch, type ImageRecord } from './image-record';
import { mayUpload, type UserClaims } from './tokens';

export const IMAGES_ROUTE = '/api/v1/albums/:album_id/images';
export const IMAGE_ROUTE = '/api/v1/images/:id';
export const DEFAULT_PER_PAGE = 100;
export const MAX_PER_PAGE = 1000;

type AlbumParams = { Params: { album_id: string } };
type ListQuery = { public_id?: string; page?: string; per_page?: string };

/** Pure: the page asked for (`?page=` from 1, `&per_page=` up to 1000), or a message saying what is wrong. */
export function parsePaging(query: ListQuery): { page: number; perPage: number } | string {
  const whole = (raw: string | undefined, fallback: number) => (raw === undefined ? fallback : /^\d+$/.test(raw) ? Number(raw) : NaN);
  const page = whole(query.page, 1);
  const perPage = whole(query.per_page, DEFAULT_PER_PAGE);
  if (!Number.isSafeInteger(page) || page < 1) return `page must be a whole number from 1 (got "${query.page}").`;
  if (!Number.isInteger(perPage) || perPage < 1 || perPage > MAX_PER_PAGE)
    return `per_page must be a whole number from 1 to ${MAX_PER_PAGE} (got "${query.per_page}").`;
  return { page, perPage };
}

/** Pure: the PATCH body we accept, or a message saying what is wrong. */
export function parseImagePatch(body: unknown): ImagePatch | string {
  if (!isPlainObject(body)) return 'Send a JSON object {title?, description?, metadatas?, cloudinary?}.';
  const patch: ImagePatch = {};
  for (const key of ['title', 'description'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    if (typeof value !== 'string') return `${key} must be a string.`;
    patch[key] = value;
  }
  if (body.metadatas !== undefined) {
    if (!isPlainObject(body.metadatas)) return 'metadatas must be an object.';
    patch.metadatas = body.metadatas;
  }
  if (body.cloudinary !== undefined) {
    const cloudinary = body.cloudinary;
    if (!isPlainObject(cloudinary) || typeof cloudinary.public_id !== 'string' || cloudinary.public_id === '') {
      return 'cloudinary must be a Cloudinary upload answer with its public_id.';
    }
    patch.cloudinary = cloudinary;
  }
  return patch;
}

export function imageRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.post<AlbumParams>(IMAGES_ROUTE, async (request, reply) => {
    const album = albumForRequest(ctx, request.claims!, request.params.album_id, reply);
    if (!album) return reply;
    const body = isPlainObject(request.body) ? request.body : {};
    const cloudinary = body.cloudinary;
    if (!isPlainObject(cloudinary) || typeof cloudinary.public_id !== 'string' || cloudinary.public_id === '') {
      return sendError(reply, 422, 'cloudinary[public_id] is missing: send the Cloudinary upload response as cloudinary[...].');
    }
    const metadatas = isPlainObject(body.metadatas) ? body.metadatas : {};
    return upsertImage(ctx, album.id, cloudinary, metadatas);
  });

  app.get<AlbumParams & { Querystring: ListQuery }>(IMAGES_ROUTE, async (request, reply) => {
    const album = albumForRequest(ctx, request.claims!, request.params.album_id, reply);
    if (!album) return reply;
    const paging = parsePaging(request.query);
    if (typeof paging === 'string') return sendError(reply, 400, paging);
    const filter = typeof request.query.public_id === 'string' ? request.query.public_id : undefined;
    const { page, perPage } = paging;
    reply.header('X-Total-Count', String(ctx.store.countImages(album.id, filter)));
    return ctx.store.listImages(album.id, filter, { limit: perPage, offset: (page - 1) * perPage });
  });

  app.patch<{ Params: { id: string } }>(IMAGE_ROUTE, async (request, reply) => {
    const record = editableImage(ctx, request.params.id, request.claims!, reply);
    if (!record) return reply;
    const patch = parseImagePatch(request.body);
    if (typeof patch === 'string') return sendError(reply, 400, patch);
    const updated = patchImageRecord(record, patch, nowIso(ctx));
    ctx.store.saveImage(updated, String(updated.infos.public_id));
    return updated;
  });

  app.delete<{ Params: { id: string } }>(IMAGE_ROUTE, async (request, reply) => {
    const record = editableImage(ctx, request.params.id, request.claims!, reply);
    if (!record) return reply;
    ctx.store.deleteImage(record.id);
    return reply.code(204).send();
  });
}

/** The record if this token may change it; otherwise answers 404/403 and returns null. */
function editableImage(ctx: BackendContext, id: string, claims: UserClaims, reply: FastifyReply): ImageRecord | null {
  const record = ctx.store.getImage(id);
  if (!record) {
    sendError(reply, 404, `No image ${id}.`);
    return null;
  }
  if (!mayUpload(claims, ctx.store.getAlbum(record.album_id), record.album_id)) {
    sendError(reply, 403, 'This token may not change images of that album.');
    return null;
  }
  return record;
}
