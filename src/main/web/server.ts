/**
 * `pixdrop serve`: the renderer as static files plus the same PixdropApi over HTTP and a WebSocket,
 * on 127.0.0.1 only. Every API call goes through the shared dispatcher (zod-validated, Result out),
 * so this file only does transport and access control.
 */
import fastifyStatic from '@fastify/static';
import fastifyWebsocket from '@fastify/websocket';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { createApiDispatcher } from '../api';
import { overrideApi } from '../api/override';
import { withoutSecrets } from '../engine/diagnostics/report-text';
import { fastifyLimits, WEB_HOST_LIMITS } from '../localstack/limits';
import type { Engine, Logger } from '../engine/types';
import { attachEventStream } from './events';
import {
  EVENTS_PROTOCOL,
  contentSecurityPolicy,
  generateToken,
  isAllowedHost,
  isAllowedOrigin,
  isOriginFormTarget,
  presentedToken,
  tokenMatches,
} from './guard';
import { createLaunchCodes, type LaunchCodes } from './launch';
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
  /** A fresh one-time http://127.0.0.1:PORT/launch/<code> that opens the page (for a browser's command line). */
  launchUrl(): string;
  close(): Promise<void>;
}

/** Route config of the few routes anyone on this computer may fetch: the static page and the launch link. */
interface RouteAccess {
  public?: boolean;
}

export async function startWebServer(o: WebServerOptions): Promise<WebServer> {
  const logger = o.logger;
  const token = generateToken();
  // Close every connection on shutdown: a tab left open must not keep `pixdrop serve` from exiting.
  const app = Fastify({ logger: false, bodyLimit: 8 * 1024 * 1024, forceCloseConnections: true, ...fastifyLimits(WEB_HOST_LIMITS) });
  let port = 0;

  // Registered before the guard: its own onRequest hook marks upgrade requests, so a refused
  // WebSocket upgrade gets its socket closed after the 401/403 instead of lingering.
  await app.register(fastifyWebsocket, { options: { handleProtocols: (offered: Set<string>) => (offered.has(EVENTS_PROTOCOL) ? EVENTS_PROTOCOL : false) } });
  app.addHook('onRequest', async (request, reply) => guardRequest(request, reply, port, token));
  app.addHook('onSend', async (request, reply, payload) => {
    reply.header('Content-Security-Policy', contentSecurityPolicy(port));
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    if (request.routeOptions.url?.startsWith('/api/')) reply.header('Cache-Control', 'no-store');
    return payload;
  });

  registerApiRoutes(app, o.engine, logger, token);
  registerThumbnailRoute(app, o.engine);
  const stream = attachEventStream(app, o.engine, logger);
  const launchCodes = createLaunchCodes();
  await app.register(async (scope) => {
    // Everything registered in this scope is public; every other route needs the token.
    scope.addHook('onRoute', (route) => {
      route.config = { ...(route.config as object | undefined), public: true } satisfies RouteAccess;
    });
    registerLaunchRoute(scope, launchCodes, token);
    await scope.register(fastifyStatic, { root: o.rendererDir, prefix: '/', index: ['index.html'] });
  });

  await app.listen({ host: '127.0.0.1', port: o.port ?? 0 });
  const address = app.server.address();
  port = typeof address === 'object' && address ? address.port : (o.port ?? 0);
  logger.info('serving the UI', { port });

  return {
    url: `http://127.0.0.1:${port}/#token=${token}`,
    port,
    launchUrl: () => `http://127.0.0.1:${port}/launch/${launchCodes.issue()}`,
    close: async () => {
      stream.close();
      await app.close();
    },
  };
}

function routeIsPublic(request: FastifyRequest): boolean {
  return (request.routeOptions.config as RouteAccess | undefined)?.public === true;
}

/**
 * The request target first (400 unless origin-form), then Host and Origin (403), then the token
 * (401) for every route but the public ones. Access is decided on the route that matched, so a
 * path spelled with %-escapes is judged as the route it reaches, not as the string it was.
 */
async function guardRequest(request: FastifyRequest, reply: FastifyReply, port: number, token: string): Promise<void> {
  if (!isOriginFormTarget(request.raw.url)) {
    await reply.code(400).send({ ok: false, error: { code: 'REJECTED', message: 'Only requests for a path on this server are answered (no absolute URLs).' } });
    return reply;
  }
  if (!isAllowedHost(request.headers.host, port) || !isAllowedOrigin(request.headers.origin, port)) {
    await reply.code(403).send({ ok: false, error: { code: 'AUTH', message: 'Requests from another site are refused.' } });
    return reply;
  }
  if (routeIsPublic(request)) return;
  if (!tokenMatches(presentedToken(request.headers.authorization, request.headers['sec-websocket-protocol']), token)) {
    await reply.code(401).send({ ok: false, error: { code: 'AUTH', message: 'Missing or wrong session token: open the address printed by pixdrop serve.' } });
    return reply;
  }
}

/** GET /launch/<code>: a one-time code from `--open` becomes the page with the token in the fragment. */
function registerLaunchRoute(app: FastifyInstance, codes: LaunchCodes, token: string): void {
  app.get<{ Params: { code: string } }>('/launch/:code', async (request, reply) => {
    reply.header('Cache-Control', 'no-store');
    if (!codes.redeem(request.params.code)) {
      return reply
        .code(410)
        .type('text/plain; charset=utf-8')
        .send('This PixDrop launch link was already used or has expired. Open the address printed by pixdrop serve.');
    }
    // A redirect's fragment is kept by the browser and never sent back in a request.
    return reply.redirect(`/#token=${token}`, 303);
  });
}

function registerApiRoutes(app: FastifyInstance, engine: Engine, logger: Logger, token: string): void {
  // The session token is this host's own secret: the diagnostics a page copies never carry it.
  const api = overrideApi(engine, {
    getDiagnostics: async () => {
      const result = await engine.getDiagnostics();
      if (!result.ok) return result;
      const value = result.value;
      return { ok: true, value: { ...value, text: withoutSecrets(value.text, [token]), problems: value.problems.map((p) => withoutSecrets(p, [token])) } };
    },
  });
  const dispatch = createApiDispatcher(api, { logger });
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
    if (!image && photo.ok && photo.value.thumbnailLater) return reply.code(503).header('Retry-After', '2').send({ error: 'thumbnail being decoded' });
    if (!image) return reply.code(404).send({ error: 'no embedded thumbnail' });
    return reply.header('Content-Type', image.contentType).header('Cache-Control', 'private, max-age=300').send(image.body);
  });
}
