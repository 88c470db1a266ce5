/**
 * Connection limits and timeouts of our local HTTP servers (the Cloudinary-compatible server, the
 * album backend, `pixdrop serve`). They serve one user on one machine, so a few hundred sockets
 * are plenty: the engine itself uses at most 16 uploads at once plus backend calls and probes, a
 * browser about six per host. Without these, any local process could open sockets until the app
 * runs out of file descriptors, or hold them open forever.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export interface ServerLimits {
  /** Sockets past this many are closed as soon as they are accepted. */
  maxConnections: number;
  /** A connection must have sent a whole request head this long after it opened (slow or silent clients). */
  headersTimeoutMs: number;
  /** A whole request (head and body) must arrive within this; 0: no limit (see the Cloudinary server). */
  requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this; above the engine's own 4 s, so it closes first. */
  keepAliveTimeoutMs: number;
  /** No byte moving either way for this long closes the connection; above the engine's 60 s stall timeout. */
  idleTimeoutMs: number;
  /** How often Node looks for connections past headersTimeoutMs / requestTimeoutMs. */
  checkIntervalMs: number;
}

export const LOCAL_SERVER_LIMITS: ServerLimits = {
  maxConnections: 256,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 120_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 120_000,
  checkIntervalMs: 1_000,
};

/**
 * `serve`'s API answers some calls only when they are done (adding a folder walks all of it, which
 * on a slow network share can be minutes of silence on the connection), so its idle limit is longer.
 */
export const WEB_HOST_LIMITS: ServerLimits = { ...LOCAL_SERVER_LIMITS, idleTimeoutMs: 10 * 60_000 };

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A node:http server with the limits applied. */
export function createLimitedServer(handler: Handler, limits: ServerLimits = LOCAL_SERVER_LIMITS): http.Server {
  const server = http.createServer(
    {
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      connectionsCheckingInterval: limits.checkIntervalMs,
    },
    handler,
  );
  server.maxConnections = limits.maxConnections;
  // Without a 'timeout' listener Node destroys the idle socket.
  server.setTimeout(limits.idleTimeoutMs);
  // Node's headers timeout starts with the first byte of a request: a connection that sends
  // nothing at all gets the same time to begin, then the usual idle timeout.
  server.on('connection', (socket: Socket) => {
    socket.setTimeout(limits.headersTimeoutMs);
    socket.once('data', () => socket.setTimeout(limits.idleTimeoutMs));
  });
  return server;
}

/**
 * The same limits as Fastify constructor options. Fastify sets its own timeouts on the server it
 * gets from serverFactory only when it builds the server itself, so the factory applies them all.
 */
export function fastifyLimits(limits: ServerLimits = LOCAL_SERVER_LIMITS) {
  return {
    connectionTimeout: limits.idleTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    serverFactory: (handler: Handler) => createLimitedServer(handler, limits),
  };
}
