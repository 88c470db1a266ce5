/**
 * Image routes: register (seed 002, Rails bracket form body), list (newest first, optional
 * Cloudinary public_id filter) and edit.
 */
import type { FastifyInstance } from 'fastify';
import { albumForRequest, isPlainObject, nowIso, sendError, upsertImage, type BackendContext } from './context';
import { patchImageRecord, type ImagePatch } from './image-record';
import { mayUpload } from './tokens';

export const IMAGES_ROUTE = '/api/v1/albums/:album_id/images';

type AlbumParams = { Params: { album_id: string } };

/** Pure: the PATCH body we accept, or a message saying what is wrong. */
export function parseImagePatch(body: unknown): ImagePatch | string {
  if (!isPlainObject(body)) return 'Send a JSON object {title?, description?, metadatas?}.';
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
    // A new upload answer replaces the photo itself (a re-export), keeping the record's id, title and description.
    if (!isPlainObject(body.cloudinary) || typeof body.cloudinary.public_id !== 'string' || body.cloudinary.public_id === '') {
      return 'cloudinary must be the Cloudinary upload response, with its public_id.';
    }
    patch.cloudinary = body.cloudinary;
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

  app.get<AlbumParams & { Querystring: { public_id?: string } }>(IMAGES_ROUTE, async (request, reply) => {
    const album = albumForRequest(ctx, request.claims!, request.params.album_id, reply);
    if (!album) return reply;
    const filter = typeof request.query.public_id === 'string' ? request.query.public_id : undefined;
    return ctx.store.listImages(album.id, filter);
  });

  app.patch<{ Params: { id: string } }>('/api/v1/images/:id', async (request, reply) => {
    const record = ctx.store.getImage(request.params.id);
    if (!record) return sendError(reply, 404, `No image ${request.params.id}.`);
    if (!mayUpload(request.claims!, ctx.store.getAlbum(record.album_id), record.album_id)) {
      return sendError(reply, 403, 'This token may not edit images of that album.');
    }
    const patch = parseImagePatch(request.body);
    if (typeof patch === 'string') return sendError(reply, 400, patch);
    const updated = patchImageRecord(record, patch, nowIso(ctx));
    ctx.store.saveImage(updated, String(updated.infos.public_id));
    return updated;
  });
}
