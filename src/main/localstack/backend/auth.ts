/**
 * `Authorization: Token token="<JWT>"` (seed 002) on every /api/v1 route but the webhook.
 * A valid token earns a fresh `X-token` (same claims, new iat/exp) on the answer.
 */
import type { FastifyInstance } from 'fastify';
import { sendError, type BackendContext } from './context';

/** Pure: the JWT from `Token token="…"` (quotes optional) or `Bearer …`. */
export function tokenFromHeader(header: string | undefined): string | null {
  if (!header) return null;
  const match = /^Token\s+token="?([^",\s]+)"?/i.exec(header) ?? /^Bearer\s+(\S+)/i.exec(header);
  return match ? match[1] : null;
}

export function installAuth(app: FastifyInstance, ctx: BackendContext): void {
  app.addHook('preHandler', async (request, reply) => {
    const token = tokenFromHeader(request.headers.authorization);
    if (!token) return sendError(reply, 401, 'Missing token: send Authorization: Token token="<JWT>".');
    try {
      request.claims = await ctx.tokens.verifyUser(token);
    } catch (error) {
      const expired = (error as { code?: string }).code === 'ERR_JWT_EXPIRED';
      return sendError(reply, 401, expired ? 'The token has expired: ask for a new one.' : 'The token is not valid.');
    }
    reply.header('X-token', await ctx.tokens.refresh(request.claims));
  });
}
