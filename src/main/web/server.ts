/**
 * `pixdrop serve`: the renderer as static files plus the same PixdropApi over HTTP and a WebSocket,
 * on 127.0.0.1 only. Every API call goes through the shared dispatcher (zod-validated, Result out),
 * so this file only does transport and access control.
 */
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createApiDispatcher } from '../api';
import { fastifyLimits, WEB_HOST_LIMITS } from '../localstack/limits';
import type { Engine, Logger } from '../engine/types';
import { attachEventStream } from './events';
import { contentSecurityPolicy, generateToken, isAllowedHost, isAllowedOrigin, presentedToken, tokenMatches } from './guard';
import { decodeDataUrl } from './thumbnail';

export interface WebServerOptions {
  engine: Engine;
  port?: number;
  logger: Logger;
  /** The built renderer (out/renderer). */
  rendererDir: string;
}

export interface WebServer {
  /** http://127.0.0.1:PORT/#token=… — the token travels in the fragment, never in a request line. */
  url: string;
  port: number;
  close(): Promise<void>;
}

const PROTECTED = /^\/(api|events|media)(\/|$|\?)/;
const NO_STORE = /^\/api\//;

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const logger = o.logger;
  const token = generateToken();
  // Close every connection on shutdown: a tab left open must not keep `pixdrop serve` from exiting.
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, forceCloseConnections: true, ...fastifyLimits(WEB_HOST_LIMITS) });
  let port = 0;

  // Registered before the guard: its own onRequest hook marks upgrade requests, so a refused
  // WebSocket upgrade gets its socket closed after the 401/403 instead of lingering.
  await app.register(fastifyWebsocket);
  app.addHook('onRequest', async (request, reply) => guardRequest(request, reply, port, token));
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy(port));
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (NO_STORE.test(request.url)) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  registerApiRoutes(app, o.engine, logger);
  registerThumbnailRoute(app, o.engine);
  const stream = attachEventStream(app, o.engine, logger);
  await app.register(fastifyStatic, { root: o.rendererDir, prefix: '/', index: ['index.html'] });

  await app.listen({ host: '127.0.0.1', port: o.port ?? 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : (o.port ?? 0);
  logger.info('serving the UI', { port });

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    close: async () => {
      stream.close();
      await app.close();
    },
  };
}

/** Host and Origin first (403), then the token (401) for everything but the static renderer. */
async function guardRequest(request: FastifyRequest, reply: FastifyReply, port: number, token: string): Promise<void> {
  if (!isAllowedHost(request.headers.host, port) || !isAllowedOrigin(request.headers.origin, port)) {
    await reply.code(403).send({ ok: false, error: { code: 'AUTH', message: 'Requests from another site are refused.' } });
    return reply;
  }
  if (!PROTECTED.test(request.url)) return;
  const query = request.query as Record<string, unknown> | undefined;
  if (!tokenMatches(presentedToken(request.headers.authorization, query?.token), token)) {
    await reply
      .code(401)
      .send({ ok: false, error: { code: 'AUTH', message: 'Missing or wrong session token: open the address printed by pixdrop serve.' } });
    return reply;
  }
}

function registerApiRoutes(app: FastifyInstance, engine: Engine, logger: Logger): void {
  const dispatch = createApiDispatcher(engine, { logger });
  app.post<{ Params: { method: string }; Body: unknown }>('/api/:method', async (request) => {
    const body = request.body as { args?: unknown } | null | undefined;
    return dispatch(request.params.method, body?.args ?? []);
  });
}

function registerThumbnailRoute(app: FastifyInstance, engine: Engine): void {
  app.get<{ Params: { jobId: string } }>('/media/thumbnail/:jobId', async (request, reply) => {
    const jobId = Number(request.params.jobId);
    if (!Number.isSafeInteger(jobId) || jobId <= 0) return reply.code(400).send({ error: 'bad job id' });
    const photo = await engine.getPhoto(jobId);
    const image = photo.ok && photo.value.thumbnail ? decodeDataUrl(photo.value.thumbnail) : null;
    if (!image) return reply.code(404).send({ error: 'no embedded thumbnail' });
    return reply.header('Content-Type', image.contentType).header('Cache-Control', 'private, max-age=300').send(image.body);
  });
}
