/**
 * One HTTP exchange with the album backend, on the engine's own HTTP client (net/http-client: node:http
 * with keep-alive connections, through HTTPS_PROXY / HTTP_PROXY as uploads are): each request sends the
 * token (`Authorization: Token token="…"`), and every `X-token` the server hands back is stored
 * (through the token store, never kept here). Every failure becomes an AppError via retryPolicy. The
 * token never appears in a log line or an error message. No redirect is followed, and the answer is read
 * as a stream by readText, with the same caps and the same errors as every other answer the engine reads.
 *
 * Not axios (which sent these requests before): a photo's two backend requests (register, then ask)
 * spent more time in axios's configuration merging, interceptors and proxy lookups than in Node's HTTP
 * client itself — ~8 % of the engine's time for 50 KB photos on loopback.
 */
import { AppError } from '../../../shared/errors';
import { DEFAULT_ANSWER_CAP_BYTES, formatCap, isAnswerTooLarge, readText, sendRequest } from '../net/http-client';
import { classifyHttp, classifyNodeError } from '../queue/retry-policy';
import type { Logger } from '../types';

export const SERVICE = 'the album backend';

export interface TokenStore {
  get(): string | null;
  set(token: string): void;
}

export interface HttpSettings {
  baseUrl: string;
  tokens: TokenStore;
  logger?: Logger;
  /** No byte moving either way for this long fails the request (ETIMEDOUT), before or while its answer arrives. */
  timeoutMs: number;
}

export interface BackendRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE';
  path: string;
  /** JSON value, or a ready form-urlencoded string. */
  json?: unknown;
  form?: string;
  /** The most of the answer read (default the client's 8 MB); an album's whole listing may need more. */
  maxAnswerBytes?: number;
}

export function missingTokenError(): AppError {
  return new AppError('AUTH', 'No token for the album backend. Set PIXDROP_API_TOKEN or enter a token in Settings; the queue waits.');
}

function headerValue(value: string | string[] | undefined): string | null {
  if (Array.isArray(value)) return value[0] ?? null;
  return value ?? null;
}

/** The server's own words: `{error: "…"}`, `{error: {message}}` or `{message}`; never echoes tokens. */
export function serverMessageOf(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { error?: unknown; message?: unknown };
    const error = body?.error;
    if (typeof error === 'string') return error;
    if (error && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message;
    if (typeof body?.message === 'string') return body.message;
  } catch {
    // not JSON: say nothing rather than echo an HTML page
  }
  return undefined;
}

function bodyOf(req: BackendRequest): { body?: string; contentType?: string } {
  if (req.form !== undefined) return { body: req.form, contentType: 'application/x-www-form-urlencoded' };
  if (req.json !== undefined) return { body: JSON.stringify(req.json), contentType: 'application/json' };
  return {};
}

/** Keeps a base path (`https://host/prefix`) that `new URL(path, base)` would drop. */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}

function answerTooLargeError(req: BackendRequest, maxBytes: number): AppError {
  const what = `${req.method} ${req.path.split('?')[0]}`;
  return new AppError(
    'BAD_RESPONSE',
    `The album backend's answer to ${what} was larger than ${formatCap(maxBytes)}, far more than it should send, so it was not read. It will be retried automatically; if it keeps happening, check the backend URL.`,
    {
      details: { maxAnswerBytes: maxBytes },
    },
  );
}

/** What the backend is sent is small (a photo's record): a body past this is a bug, not a request. */
const REQUEST_CAP_BYTES = DEFAULT_ANSWER_CAP_BYTES;

function requestTooLargeError(req: BackendRequest): AppError {
  return new AppError(
    'INTERNAL',
    `The request ${req.method} ${req.path.split('?')[0]} to the album backend was larger than ${formatCap(REQUEST_CAP_BYTES)}; it was not sent. Please report it with the log file.`,
  );
}

const ACCEPT = { Accept: 'application/json', 'Accept-Encoding': 'identity' };

async function exchange(settings: HttpSettings, req: BackendRequest) {
  const { body, contentType } = bodyOf(req);
  try {
    const token = settings.tokens.get();
    if (!token) throw missingTokenError();
    const bytes = body === undefined ? undefined : Buffer.from(body, 'utf8');
    if (bytes && bytes.length > REQUEST_CAP_BYTES) throw requestTooLargeError(req);
    const headers: Record<string, string> = { ...ACCEPT, Authorization: `Token token="${token}"` };
    if (contentType && bytes) Object.assign(headers, { 'Content-Type': contentType, 'Content-Length': String(bytes.length) });
    const response = await sendRequest(joinUrl(settings.baseUrl, req.path), { method: req.method, headers, body: bytes, idleTimeoutMs: settings.timeoutMs });
    const fresh = headerValue(response.headers['x-token']);
    if (fresh) settings.tokens.set(fresh);
    return { status: response.status, headers: response.headers, text: await readText(response.body, { maxBytes: req.maxAnswerBytes }) };
  } catch (error) {
    if (isAnswerTooLarge(error)) throw answerTooLargeError(req, error.maxBytes);
    throw classifyNodeError(error, SERVICE);
  }
}

/** Sends the request; resolves with the parsed JSON of a 2xx answer (null for 204 No Content). */
export async function callBackend(settings: HttpSettings, req: BackendRequest): Promise<unknown> {
  return (await callBackendWithHeaders(settings, req)).body;
}

/** As callBackend, with the answer's headers (X-Total-Count of a paged listing). */
export async function callBackendWithHeaders(
  settings: HttpSettings,
  req: BackendRequest,
): Promise<{ body: unknown; headers: Record<string, string | string[] | undefined> }> {
  const { status, headers, text } = await exchange(settings, req);
  settings.logger?.debug('album backend answered', { method: req.method, path: req.path.split('?')[0], status });
  if (status < 200 || status >= 300) {
    throw classifyHttp({ status, serverMessage: serverMessageOf(text), retryAfter: headerValue(headers['retry-after']), service: SERVICE });
  }
  if (status === 204) return { body: null, headers };
  try {
    return { body: JSON.parse(text) as unknown, headers };
  } catch {
    throw new AppError(
      'BAD_RESPONSE',
      `The album backend answered ${req.method} ${req.path.split('?')[0]} with a body that is not JSON. It will be retried automatically.`,
      {
        details: { httpStatus: status },
      },
    );
  }
}
