/**
 * `POST /api/v1/albums/:album_id/upload_signature` (protocol §8): the client names what it
 * wants, the server decides what is signed. Only the public_id (under `pixdrop/`) and a couple
 * of harmless options come from the client; type, tags, analysis flags, the webhook and the
 * timestamp are the server's.
 */
import type { FastifyInstance } from 'fastify';
import { uploadUrl } from '../../engine/cloudinary/config';
import { signParams } from '../../engine/cloudinary/sign';
import { albumForRequest, isPlainObject, sendError, type BackendContext } from './context';
import { WEBHOOK_TOKEN_SECONDS } from './tokens';

export const PUBLIC_ID_PREFIX = 'pixdrop/';
const PASSED_THROUGH = ['overwrite', 'context'] as const;

/** Pure: the params to sign, or a message saying what the client got wrong. */
export function whitelistUploadParams(requested: unknown, albumId: string, notificationUrl: string, timestamp: number): Record<string, string> | string {
  if (!isPlainObject(requested)) return 'Send {"params": {"public_id": "pixdrop/…"}}.';
  const publicId = requested.public_id;
  if (typeof publicId !== 'string' || !publicId.startsWith(PUBLIC_ID_PREFIX) || publicId.length <= PUBLIC_ID_PREFIX.length) {
    return `params.public_id must start with "${PUBLIC_ID_PREFIX}".`;
  }
  const params: Record<string, string> = {
    colors: '1',
    faces: '1',
    image_metadata: '1',
    notification_url: notificationUrl,
    phash: '1',
    public_id: publicId,
    tags: albumId,
    timestamp: String(timestamp),
    type: 'authenticated',
  };
  for (const key of PASSED_THROUGH) {
    const value = requested[key];
    if (typeof value === 'string' && value !== '') params[key] = value;
  }
  return params;
}

export function signatureRoutes(app: FastifyInstance, ctx: BackendContext): void {
  app.post<{ Params: { album_id: string } }>('/api/v1/albums/:album_id/upload_signature', async (request, reply) => {
    const cloudinary = ctx.cloudinary;
    if (!cloudinary) return sendError(reply, 501, 'This album backend has no Cloudinary account configured, so it cannot sign uploads.');
    const claims = request.claims!;
    const album = albumForRequest(ctx, claims, request.params.album_id, reply);
    if (!album) return reply;
    const webhookToken = await ctx.tokens.sign({ user_id: claims.user_id, album_id: album.id }, WEBHOOK_TOKEN_SECONDS);
    const notificationUrl = `${ctx.baseUrl()}/api/v1/cloudinary?token=${webhookToken}`;
    const timestamp = Math.floor(ctx.clock.now() / 1000);
    const body = isPlainObject(request.body) ? request.body : {};
    const params = whitelistUploadParams(body.params, album.id, notificationUrl, timestamp);
    if (typeof params === 'string') return sendError(reply, 400, params);
    const signature = signParams(params, cloudinary.apiSecret, cloudinary.signatureAlgorithm, 2);
    return { upload_url: uploadUrl(cloudinary), api_key: cloudinary.apiKey, timestamp, signature, params };
  });
}
