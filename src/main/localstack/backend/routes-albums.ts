/** `GET/POST /api/v1/albums`: the albums a token may upload to; create-or-find by name. */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { albumView, ensureAlbum, isPlainObject, nowIso, sendError, type BackendContext } from './context';
import { grantedAlbumIds } from './tokens';

const MAX_NAME = 200;

export function albumRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.get('/api/v1/albums', async (request) => {
    const claims = request.claims!;
    const granted = grantedAlbumIds(claims);
    for (const id of granted) ensureAlbum(ctx, id, claims.user_id);
    return ctx.store.listAlbums(claims.user_id, granted).map(albumView);
  });

  app.post('/api/v1/albums', async (request, reply) => {
    const claims = request.claims!;
    const raw = isPlainObject(request.body) ? request.body.name : undefined;
    const name = typeof raw === 'string' ? raw.trim() : '';
    if (!name || name.length > MAX_NAME) return sendError(reply, 400, `An album needs a name of 1 to ${MAX_NAME} characters: send {"name": "…"}.`);
    const created = ctx.store.transaction(() => {
      if (ctx.store.findAlbumByName(claims.user_id, name)) return false;
      const at = nowIso(ctx);
      ctx.store.insertAlbum({ id: randomUUID(), name, owner_user_id: claims.user_id, created_at: at, updated_at: at });
      return true;
    });
    const album = ctx.store.findAlbumByName(claims.user_id, name)!;
    return reply.code(created ? 201 : 200).send(albumView(ctx.store.albumSummary(album.id)!));
  });
}
