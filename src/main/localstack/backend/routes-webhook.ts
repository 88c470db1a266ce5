/**
 * `POST /api/v1/cloudinary?token=<JWT>` (seeds 000, 001): Cloudinary's notification.
 * The body is kept as raw bytes because the signature covers exactly those bytes; it is parsed
 * only after the signature holds. An error notification is accepted (201) and creates nothing.
 */
import type { FastifyInstance } from 'fastify';
import { verifyNotificationSignature } from '../../engine/cloudinary/sign';
import { toFormValue } from '../../engine/backend/rails-form';
import { parseFormBody } from './form-body';
import { ensureAlbum, isPlainObject, sendError, upsertImage, type BackendContext } from './context';

export const WEBHOOK_ROUTE = '/api/v1/cloudinary';
const MAX_AGE_SECONDS = 2 * 3600;
const MAX_FUTURE_SECONDS = 300;
/** Envelope fields of a notification that are not part of the upload response. */
const ENVELOPE = new Set(['notification_type', 'notification_context', 'request_id', 'signature_key']);

/** Pure: JSON (what Cloudinary sends) or form-urlencoded (what the seeds' headers claim). */
export function parseNotification(raw: Buffer): Record<string, unknown> | null {
  const text = raw.toString('utf8').trim();
  if (text.startsWith('{')) {
    try {
      const parsed = JSON.parse(text) as unknown;
      return isPlainObject(parsed) ? parsed : null;
    } catch {
      return null;
    }
  }
  return text ? parseFormBody(text) : null;
}

/** Pure: the upload fields to record, or null when the notification must create nothing. */
export function uploadInfosOf(payload: Record<string, unknown>): Record<string, unknown> | null {
  const type = payload.notification_type;
  if (type !== undefined && type !== 'upload') return null;
  if (typeof payload.public_id !== 'string' || payload.public_id === '') return null;
  const infos = toFormValue(Object.fromEntries(Object.entries(payload).filter(([key]) => !ENVELOPE.has(key))));
  return infos as Record<string, unknown>;
}

function header(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? '';
}

export function webhookRoutes(app: FastifyInstance, ctx: BackendContext): void {
  // Keep the exact bytes whatever the content type says (this plugin is encapsulated).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post<{ Querystring: { token?: string } }>(WEBHOOK_ROUTE, async (request, reply) => {
    const cloudinary = ctx.cloudinary;
    if (!cloudinary) return sendError(reply, 501, 'This album backend has no Cloudinary account configured, so it cannot verify notifications.');
    const raw = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
    const signed = verifyNotificationSignature({
      body: raw,
      timestamp: header(request.headers['x-cld-timestamp']),
      signature: header(request.headers['x-cld-signature']),
      secret: cloudinary.apiSecret,
      nowSeconds: Math.floor(ctx.clock.now() / 1000),
      maxAgeSeconds: MAX_AGE_SECONDS,
      maxFutureSeconds: MAX_FUTURE_SECONDS,
    });
    if (!signed) return sendError(reply, 401, 'X-Cld-Signature does not match the body and X-Cld-Timestamp, or the timestamp is too old.');
    let claims;
    try {
      claims = await ctx.tokens.verifyWebhook(request.query.token ?? '');
    } catch {
      return sendError(reply, 401, 'The notification token is missing or not valid.');
    }
    const payload = parseNotification(raw);
    if (!payload) return sendError(reply, 400, 'The notification body is neither JSON nor form-urlencoded.');
    const infos = uploadInfosOf(payload);
    if (infos) {
      ensureAlbum(ctx, claims.album_id, claims.user_id ?? null);
      upsertImage(ctx, claims.album_id, infos, {});
    } else {
      ctx.logger?.info('notification accepted without creating an image', { type: String(payload.notification_type ?? 'none') });
    }
    reply.header('X-token', await ctx.tokens.refresh(claims));
    return reply.code(201).send();
  });
}
