/**
 * The local album backend (contract §4): demo mode and tests run against it instead of the
 * real one. Real HTTP on 127.0.0.1, a SQLite file that survives restarts, JWT auth like the
 * seeds, Cloudinary webhooks verified, remote signing, and fault injection on demand.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { Clock, CloudinaryConfig, Logger } from '../engine/types';
import { systemClock } from '../engine/types';
import { installAuth } from './backend/auth';
import { ensureAlbum, isPlainObject, sendError, upsertImage, type BackendContext, type BackendCounters } from './backend/context';
import { installFaults } from './backend/fault-hooks';
import type { ImageRecord } from './backend/image-record';
import { parseFormBody } from './backend/form-body';
import { albumRoutes } from './backend/routes-albums';
import { IMAGE_ROUTE, IMAGES_ROUTE, imageRoutes } from './backend/routes-images';
import { signatureRoutes } from './backend/routes-signature';
import { WEBHOOK_ROUTE, webhookRoutes } from './backend/routes-webhook';
import { openBackendStore, type BackendStore } from './backend/store';
import { abilitiesFor, createTokenKit, USER_TOKEN_SECONDS } from './backend/tokens';
import { createFaultInjector, type Fault, type FaultOptions } from './faults';
import { foreignHostRefusal } from './host-check';
import { fastifyLimits } from './limits';

export type { ImageRecord };

export interface AlbumBackendOptions {
  /** SQLite file (WAL); survives restart. */
  dbPath: string;
  /** HS256 secret of every token this backend issues and accepts. */
  jwtSecret: string;
  /** Its apiSecret verifies webhooks; with it, upload_signature works. */
  cloudinary: CloudinaryConfig | null;
  /** Default 0 (any free port); the host is always 127.0.0.1. */
  port?: number;
  faults?: FaultOptions;
  clock?: Clock;
  logger?: Logger;
}

export interface AlbumBackend {
  url: string;
  port: number;
  /** Stops listening and destroys open (also hanging) connections. */
  close(): Promise<void>;
  setFaults(f: FaultOptions): void;
  /** A user JWT shaped like seed 002's; the albums it names exist afterwards. */
  issueToken(o: { userId: string; albumIds?: string[]; expiresInSeconds?: number }): Promise<string>;
  stats(): { requests: number; imagePosts: number; webhookPosts: number; imageDeletes: number; faults: Record<Fault, number> };
  /** Direct read for tests, newest first. */
  listImages(albumId?: string): ImageRecord[];
  /** Direct write for tests and the bench: one record, as a POST would make it (honours `duplicates`). */
  addImage(albumId: string, cloudinary: Record<string, unknown>, metadatas?: Record<string, unknown>): ImageRecord;
}

function apiPlugin(ctx: BackendContext, faults: ReturnType<typeof createFaultInjector>) {
  return async (api: FastifyInstance) => {
    api.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, parseFormBody(String(body)));
    });
    installFaults(api, faults);
    installAuth(api, ctx);
    albumRoutes(api, ctx);
    imageRoutes(api, ctx);
    signatureRoutes(api, ctx);
  };
}

function countRequests(app: FastifyInstance, counters: BackendCounters): void {
  app.addHook('onRequest', async (request) => {
    counters.requests += 1;
    const route = request.routeOptions.url;
    if (request.method === 'POST' && route === IMAGES_ROUTE) counters.imagePosts += 1;
    if (request.method === 'POST' && route === WEBHOOK_ROUTE) counters.webhookPosts += 1;
    if (request.method === 'DELETE' && route === IMAGE_ROUTE) counters.imageDeletes += 1;
  });
}

/** Host is checked like `serve` does, before anything else (DNS rebinding). */
function checkHost(app: FastifyInstance): void {
  app.addHook('onRequest', async (request, reply) => {
    const address = app.server.address();
    const refusal = foreignHostRefusal(request.headers.host, isPlainObject(address) ? Number(address.port) : 0);
    if (refusal) return sendError(reply, 403, refusal);
  });
}

function buildApp(ctx: BackendContext, faults: ReturnType<typeof createFaultInjector>): FastifyInstance {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    bodyLimit: 10 * 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true },
    ...fastifyLimits(),
  });
  countRequests(app, ctx.counters);
  checkHost(app);
  app.setErrorHandler((error: { statusCode?: number; message?: string }, _request, reply) => {
    const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
    if (status >= 500) ctx.logger?.error('album backend request failed', { error: error.message });
    return sendError(reply, status, status >= 500 ? 'Internal error of the local album backend.' : (error.message ?? 'Bad request.'));
  });
  app.setNotFoundHandler((_request, reply) => sendError(reply, 404, 'No such endpoint.'));
  app.register(apiPlugin(ctx, faults));
  app.register(async (hook) => webhookRoutes(hook, ctx));
  return app;
}

async function issueUserToken(ctx: BackendContext, o: { userId: string; albumIds?: string[]; expiresInSeconds?: number }): Promise<string> {
  const albumIds = o.albumIds ?? [];
  const at = new Date(ctx.clock.now()).toISOString();
  for (const id of albumIds) {
    if (!ctx.store.getAlbum(id)) ctx.store.insertAlbum({ id, name: id, owner_user_id: o.userId, created_at: at, updated_at: at });
  }
  return ctx.tokens.sign({ user_id: o.userId, abilities: abilitiesFor(albumIds) }, o.expiresInSeconds ?? USER_TOKEN_SECONDS);
}

export async function startAlbumBackend(o: AlbumBackendOptions): Promise<AlbumBackend> {
  const clock = o.clock ?? systemClock;
  const store: BackendStore = openBackendStore(o.dbPath);
  const counters: BackendCounters = { requests: 0, imagePosts: 0, webhookPosts: 0, imageDeletes: 0 };
  let baseUrl = '';
  const faults = createFaultInjector(o.faults ?? {});
  const ctx: BackendContext = {
    store,
    tokens: createTokenKit(o.jwtSecret, clock),
    clock,
    cloudinary: o.cloudinary,
    logger: o.logger?.child('album-backend'),
    counters,
    keepsDuplicates: () => faults.keepsDuplicates(),
    baseUrl: () => baseUrl,
  };
  const app = buildApp(ctx, faults);
  try {
    await app.listen({ host: '127.0.0.1', port: o.port ?? 0 });
  } catch (error) {
    store.close();
    throw error;
  }
  const address = app.server.address();
  const port = isPlainObject(address) ? Number(address.port) : 0;
  baseUrl = `http://127.0.0.1:${port}`;
  let closed = false;
  return {
    url: baseUrl,
    port,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
      store.close();
    },
    setFaults: (f) => faults.set(f),
    issueToken: (opts) => issueUserToken(ctx, opts),
    stats: () => ({ ...counters, faults: faults.counts() }),
    listImages: (albumId) => store.listImages(albumId),
    addImage: (albumId, cloudinary, metadatas = {}) => {
      ensureAlbum(ctx, albumId, null);
      return upsertImage(ctx, albumId, cloudinary, metadatas);
    },
  };
}
