/**
 * A Cloudinary-compatible server for demo mode and tests: signed uploads (plain and chunked), the
 * upload response, notifications, delivery URLs, and fault injection to make the network as bad
 * as a hotel's. Listens on 127.0.0.1 only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { systemClock, type Clock, type Logger } from '../engine/types';
import path from 'node:path';
import { serveDelivery } from './cloudinary/delivery';
import { sendUploadNotification } from './cloudinary/notify';
import { CloudinaryStore } from './cloudinary/store';
import { handleUpload, header, type Outcome, type UploadContext } from './cloudinary/upload-handler';
import { createFaultInjector, type Fault, type FaultInjector, type FaultOptions } from './faults';
import { foreignHostRefusal } from './host-check';
import { createLimitedServer, LOCAL_SERVER_LIMITS } from './limits';

export interface CloudinaryServerOptions {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  /** Assets, partial chunk files and an index; reopening the same folder finds them again. */
  storageDir: string;
  /** Default 0 (any free port). */
  port?: number;
  faults?: FaultOptions;
  clock?: Clock;
  logger?: Logger;
  /**
   * The server's patience: a connection on which nothing moves for this long is closed, as a real
   * service or a load balancer drops a client that went to sleep mid-request. Default
   * LOCAL_SERVER_LIMITS.idleTimeoutMs (120 s, above the engine's own stall timeout).
   */
  idleTimeoutMs?: number;
  /** Called as each upload request arrives (see UploadRequestHook). */
  onUploadRequest?: UploadRequestHook;
  /** Where JPEGs decoded from HEIC assets are kept (by content); default <storageDir>/renditions. */
  renditionCacheDir?: string;
}

/** What an upload hook sees: the request's order and arrival, and the exchange itself. */
export interface UploadRequestInfo {
  /** 1 for the first upload request this server received. */
  index: number;
  /** Arrival time (ms since epoch). */
  at: number;
  contentRange: string | null;
  uploadId: string | null;
  req: IncomingMessage;
  res: ServerResponse;
}

/**
 * Watches (or steers) single requests, for tests that need one exact request to misbehave:
 * returning a fault forces it for this request, whatever the random faults would decide.
 */
export type UploadRequestHook = (request: UploadRequestInfo) => Fault | null | undefined | void;

export interface CloudinaryAssetView {
  public_id: string;
  version: number;
  bytes: number;
  format: string;
  width: number | null;
  height: number | null;
  etag: string;
  tags: string[];
  writes: number;
  filePath: string;
}

export interface CloudinaryServer {
  /** The upload prefix, e.g. http://127.0.0.1:PORT */
  url: string;
  port: number;
  close(): Promise<void>;
  setFaults(f: FaultOptions): void;
  /** Replaces (or with null removes) the upload request hook. */
  setUploadHook(hook: UploadRequestHook | null): void;
  stats(): { requests: number; uploadRequests: number; chunkRequests: number; bytesReceived: number; faults: Record<Fault, number> };
  listAssets(): CloudinaryAssetView[];
}

const UPLOAD_PATH = /^\/v1_1\/([^/]+)\/([^/]+)\/upload\/?$/;

const silentLogger: Logger = { error() {}, warn() {}, info() {}, debug() {}, child: () => silentLogger };

interface Counters {
  requests: number;
  uploadRequests: number;
  chunkRequests: number;
  bytesReceived: number;
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(text), ...headers });
  res.end(text);
}

/** Reads and discards the request body, so an early answer does not break the client's upload mid-write. */
function drain(req: IncomingMessage): Promise<void> {
  return new Promise((resolve) => {
    req
      .on('end', resolve)
      .on('error', () => resolve())
      .on('close', resolve)
      .resume();
  });
}

/** What every request of one server shares. */
interface ServerState {
  o: CloudinaryServerOptions;
  logger: Logger;
  store: CloudinaryStore;
  injector: FaultInjector;
  counters: Counters;
  context: UploadContext;
  hooks: { onUpload: UploadRequestHook | null };
  /** The port listened on (0 until listening): the Host a request must name. */
  port: number;
}

function route(st: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  st.counters.requests += 1;
  const refusal = foreignHostRefusal(req.headers.host, st.port);
  if (refusal) return drain(req).then(() => sendJson(res, 403, { error: { message: refusal } }));
  const pathname = new URL(req.url ?? '/', 'http://localhost').pathname;
  const upload = UPLOAD_PATH.exec(pathname);
  if (req.method === 'POST' && upload) {
    const { context, injector, counters, logger } = st;
    const [cloud, resourceType] = [decodeURIComponent(upload[1]), decodeURIComponent(upload[2])];
    return serveUpload({ req, res, context, injector, counters, logger, hook: st.hooks.onUpload, cloud, resourceType });
  }
  if (req.method === 'GET' || req.method === 'HEAD')
    return serveDelivery(req, res, {
      store: st.store,
      cloudName: st.o.cloudName,
      renditionCacheDir: st.o.renditionCacheDir ?? path.join(st.o.storageDir, 'renditions'),
    });
  return drain(req).then(() => sendJson(res, 404, { error: { message: `No route for ${req.method} ${pathname}` } }));
}

function listAssetViews(store: CloudinaryStore): CloudinaryAssetView[] {
  return store.listAssets().map((a) => ({
    public_id: a.public_id,
    version: a.version,
    bytes: a.bytes,
    format: a.format,
    width: a.width,
    height: a.height,
    etag: a.etag,
    tags: a.tags,
    writes: a.writes,
    filePath: store.assetPath(a),
  }));
}

function serverState(o: CloudinaryServerOptions): ServerState {
  const store = new CloudinaryStore(o.storageDir);
  return {
    o,
    logger: o.logger ?? silentLogger,
    store,
    injector: createFaultInjector(o.faults ?? {}),
    counters: { requests: 0, uploadRequests: 0, chunkRequests: 0, bytesReceived: 0 },
    context: { credentials: { cloudName: o.cloudName, apiKey: o.apiKey, apiSecret: o.apiSecret }, store, clock: o.clock ?? systemClock, baseUrl: '' },
    hooks: { onUpload: o.onUploadRequest ?? null },
    port: 0,
  };
}

export async function startCloudinaryServer(o: CloudinaryServerOptions): Promise<CloudinaryServer> {
  const st = serverState(o);
  const { store, injector, counters, logger } = st;
  const server = createLimitedServer(
    (req, res) => {
      // Whatever a request holds (a bad URL or escape, a cut form), it fails alone: nothing escapes to the process.
      Promise.resolve()
        .then(() => route(st, req, res))
        .catch((error: unknown) => answerFailure(req, res, error, logger));
    },
    // A chunk under the bandwidth limit (1 KB/s at the least) may take hours: no limit on a whole
    // request; a connection on which nothing moves is still closed after idleTimeoutMs.
    { ...LOCAL_SERVER_LIMITS, requestTimeoutMs: 0, idleTimeoutMs: o.idleTimeoutMs ?? LOCAL_SERVER_LIMITS.idleTimeoutMs },
  );
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (st.port = (server.address() as AddressInfo).port);
  const url = `http://127.0.0.1:${port}`;
  st.context.baseUrl = url;
  logger.info('local Cloudinary server listening', { url, cloud: o.cloudName });

  return {
    url,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => {
          store.close();
          resolve();
        });
        // Hanging answers (the "hang" fault) and keep-alive sockets would keep close() waiting forever.
        server.closeAllConnections();
      }),
    setFaults: (faults) => injector.set(faults),
    setUploadHook: (hook) => {
      st.hooks.onUpload = hook;
    },
    stats: () => ({ ...counters, faults: injector.counts() }),
    listAssets: () => listAssetViews(store),
  };
}

/** A malformed request is the client's fault (400); anything else is ours (500). */
function answerFailure(req: IncomingMessage, res: ServerResponse, error: unknown, logger: Logger): void {
  const malformed = error instanceof URIError || (error instanceof TypeError && (error as { code?: string }).code === 'ERR_INVALID_URL');
  if (!malformed) logger.error('local Cloudinary request failed', { error: (error as Error).message, path: (req.url ?? '').split('?')[0] });
  if (res.headersSent || res.destroyed) {
    res.destroy();
    return;
  }
  const message = malformed ? `Malformed request: ${(error as Error).message}` : 'Internal error in the local Cloudinary server';
  void drain(req).then(() => sendJson(res, malformed ? 400 : 500, { error: { message } }, { connection: 'close' }));
}

interface UploadExchange {
  req: IncomingMessage;
  res: ServerResponse;
  context: UploadContext;
  injector: FaultInjector;
  counters: Counters;
  logger: Logger;
  hook: UploadRequestHook | null;
  cloud: string;
  resourceType: string;
}

async function serveUpload(x: UploadExchange): Promise<void> {
  const { req, res, injector, counters } = x;
  counters.uploadRequests += 1;
  if (req.headers['content-range']) counters.chunkRequests += 1;
  req.on('data', (piece: Buffer) => (counters.bytesReceived += piece.length));
  const random = injector.decide();
  const forced = x.hook?.({
    index: counters.uploadRequests,
    at: Date.now(),
    contentRange: header(req, 'content-range') ?? null,
    uploadId: header(req, 'x-unique-upload-id') ?? null,
    req,
    res,
  });
  const fault = forced ?? random;
  if (fault === 'reset') {
    // Let the body start arriving, then cut the line like a dropped Wi-Fi would.
    req.once('data', () => req.socket.destroy());
    return;
  }
  if (fault === 'error500' || fault === 'error420' || fault === 'error429' || fault === 'error422') return answerInjectedError(x, fault);
  if (fault === 'hang') {
    // Swallow the body and never answer (close() destroys the socket).
    await drain(req);
    return;
  }
  let outcome: Outcome;
  try {
    outcome = await handleUpload(x.context, req, x.cloud, x.resourceType);
  } catch (error) {
    if (req.socket.destroyed) return; // the client went away mid-body; nothing to answer
    throw error;
  }
  const whole = outcome.status === 200 && outcome.body.done !== false; // not a chunk the upload goes on after
  await sleep(injector.latencyMs() + (whole ? injector.processingMs() : 0));
  if (fault === 'lostAnswer') {
    req.socket.destroy();
  } else if (fault === 'malformed' && outcome.status === 200) {
    const text = JSON.stringify(outcome.body);
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    res.end(text.slice(0, Math.max(1, Math.floor(text.length / 2))));
  } else {
    sendJson(res, outcome.status, outcome.body);
  }
  if (outcome.notify) {
    const { url, response } = outcome.notify;
    void sendUploadNotification({ url, response, apiSecret: x.context.credentials.apiSecret, nowMs: x.context.clock.now(), logger: x.logger });
  }
}

async function answerInjectedError(x: UploadExchange, fault: 'error500' | 'error420' | 'error429' | 'error422'): Promise<void> {
  await drain(x.req);
  await sleep(x.injector.latencyMs());
  if (fault === 'error500') return sendJson(x.res, 500, { error: { message: 'Internal server error (injected fault)' } });
  if (fault === 'error422') return sendJson(x.res, 422, { error: { message: 'Invalid image file (injected fault)' } });
  const retryAfter = String(x.injector.retryAfterSeconds());
  const status = fault === 'error420' ? 420 : 429;
  sendJson(x.res, status, { error: { message: 'Rate Limit Exceeded (injected fault)' } }, { 'retry-after': retryAfter });
}
