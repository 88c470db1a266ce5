/**
 * One HTTP(S) exchange on Node's own client, with keep-alive connections per protocol.
 *
 * Why not undici: measured on the upload benchmark's machine, importing undici and compiling its
 * WebAssembly HTTP parser (the compiler's second tier runs in the background after the first
 * request) raises a process's peak memory by ~55 MB; node:http, whose parser is built in, by ~3 MB.
 * The engine sends a handful of requests at a time, so it gains nothing from undici's speed.
 */
import http, { type IncomingHttpHeaders, type IncomingMessage } from 'node:http';
import https from 'node:https';
import { proxyAgent, proxyFor, tunnelOptions } from './proxy';

export interface HttpRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  headers?: Record<string, string>;
  /** A whole body, or pieces written one by one as the connection takes them (set content-length yourself). */
  body?: string | Buffer | AsyncIterable<Buffer>;
  /** A piece of the body has left for the network (or failed to): its memory may be reused. */
  onPieceSent?(piece: Buffer): void;
  signal?: AbortSignal;
  /** No byte moving either way on the connection for this long fails the request with ETIMEDOUT (0: never). */
  idleTimeoutMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: IncomingHttpHeaders;
  body: IncomingMessage;
}

/**
 * Idle connections are closed after FREE_SOCKET_MS, below the 5 s after which Node servers (and many
 * proxies) close them: a request never goes out on a connection the server is closing at that moment.
 */
const FREE_SOCKET_MS = 4_000;
const clients: Record<string, { request: typeof http.request; agent: http.Agent }> = {
  'http:': { request: http.request, agent: new http.Agent({ keepAlive: true, timeout: FREE_SOCKET_MS, scheduling: 'lifo' }) },
  'https:': { request: https.request, agent: new https.Agent({ keepAlive: true, timeout: FREE_SOCKET_MS, scheduling: 'lifo' }) },
};

function timeoutError(ms: number): Error {
  return Object.assign(new Error(`no data moved for ${Math.round(ms / 1000)} s`), { code: 'ETIMEDOUT' });
}

/** Waits until the connection takes more, or the request ends (an error is reported by 'error'). */
function drained(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      req.off('drain', done);
      req.off('close', done);
      resolve();
    };
    req.on('drain', done);
    req.on('close', done);
  });
}

async function writePieces(req: http.ClientRequest, pieces: AsyncIterable<Buffer>, onPieceSent?: (piece: Buffer) => void): Promise<void> {
  for await (const piece of pieces) {
    if (req.destroyed) return;
    // The callback runs once the socket is done with the piece (written to the kernel, or failed).
    if (!req.write(piece, () => onPieceSent?.(piece))) await drained(req);
  }
  if (!req.destroyed) req.end();
}

/** Sends the request; resolves when the answer's status and headers have arrived (read `body` to the end). */
export function sendRequest(url: string, o: HttpRequest): Promise<HttpResponse> {
  const target = new URL(url);
  const client = Object.hasOwn(clients, target.protocol) ? clients[target.protocol] : undefined;
  if (!client) return Promise.reject(new Error(`unsupported protocol in ${target.protocol}//${target.host}`));
  const proxy = proxyFor(target);
  if (proxy) return proxyAgent(target, proxy, FREE_SOCKET_MS).then((agent) => exchange(target, client.request, agent, o, tunnelOptions(target)));
  return exchange(target, client.request, client.agent, o);
}

function exchange(target: URL, request: typeof http.request, agent: http.Agent, o: HttpRequest, extra: https.RequestOptions = {}): Promise<HttpResponse> {
  return new Promise<HttpResponse>((resolve, reject) => {
    let settled = false;
    const req = request(target, { ...extra, method: o.method, headers: o.headers, agent, signal: o.signal });
    const idle = o.idleTimeoutMs ?? 0;
    if (idle > 0) req.setTimeout(idle, () => req.destroy(timeoutError(idle)));
    req.on('error', (error) => {
      if (!settled) {
        settled = true;
        reject(error);
      }
    });
    req.on('response', (res) => {
      settled = true;
      resolve({ status: res.statusCode ?? 0, headers: res.headers, body: res });
    });
    const body = o.body;
    if (body === undefined || typeof body === 'string' || Buffer.isBuffer(body)) {
      req.end(body);
      return;
    }
    // A failing body (the file vanished, was cut short) ends the request with its own error.
    writePieces(req, body, o.onPieceSent).catch((error: unknown) => req.destroy(error instanceof Error ? error : new Error(String(error))));
  });
}

/**
 * The agent for a request to `target` made by another client (the album backend's): the same
 * keep-alive connections as sendRequest's, through the same proxy when the environment names one.
 */
export function agentFor(target: URL): http.Agent | Promise<http.Agent> {
  const client = Object.hasOwn(clients, target.protocol) ? clients[target.protocol] : undefined;
  if (!client) throw new Error(`unsupported protocol in ${target.protocol}//${target.host}`);
  const proxy = proxyFor(target);
  return proxy ? proxyAgent(target, proxy, FREE_SOCKET_MS) : client.agent;
}

/** No byte moving on a request's connection for `ms` destroys it with ETIMEDOUT (as sendRequest's idleTimeoutMs). */
export function failWhenIdle(req: http.ClientRequest, ms: number): void {
  if (ms > 0) req.setTimeout(ms, () => req.destroy(timeoutError(ms)));
}

/** An answer that never ends must not fill memory: every read has a cap, this one unless told. */
export const DEFAULT_ANSWER_CAP_BYTES = 8 * 1024 * 1024;

/** The answer was larger than the reader's cap; it was not kept, and the connection was closed. */
export class AnswerTooLargeError extends Error {
  readonly code = 'ANSWER_TOO_LARGE';
  constructor(readonly maxBytes: number) {
    super(`the server's answer was larger than ${formatCap(maxBytes)}`);
  }
}

/** "8 MB", "256 KB": caps are whole powers of two, said the way a person would. */
export function formatCap(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round(bytes / (1024 * 1024))} MB`;
  return bytes >= 1024 ? `${Math.round(bytes / 1024)} KB` : `${bytes} bytes`;
}

export function isAnswerTooLarge(error: unknown): error is AnswerTooLargeError {
  return error instanceof AnswerTooLargeError;
}

/**
 * The answer's text. Past maxBytes (announced by Content-Length or counted as it arrives) it stops:
 * the connection is closed, what came is dropped, and AnswerTooLargeError says why.
 */
export async function readText(body: IncomingMessage, o: { maxBytes?: number; onData?(): void } = {}): Promise<string> {
  const max = o.maxBytes ?? DEFAULT_ANSWER_CAP_BYTES;
  const announced = Number(body.headers['content-length']);
  if (Number.isFinite(announced) && announced > max) {
    body.destroy();
    throw new AnswerTooLargeError(max);
  }
  const pieces: Buffer[] = [];
  let length = 0;
  for await (const piece of body as AsyncIterable<Buffer>) {
    o.onData?.();
    length += piece.length;
    if (length > max) {
      pieces.length = 0;
      body.destroy();
      throw new AnswerTooLargeError(max);
    }
    pieces.push(piece);
  }
  return Buffer.concat(pieces, length).toString('utf8');
}
