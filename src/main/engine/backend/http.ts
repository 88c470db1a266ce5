/**
 * One HTTP exchange with the album backend, on one axios instance per client: its request
 * interceptor sends the token (`Authorization: Token token="…"`), its response interceptor stores
 * every `X-token` the server hands back (through the token store, never kept here). Every failure
 * becomes an AppError via retryPolicy. The token never appears in a log line or an error message.
 *
 * axios only sends and receives: no redirects followed (with redirects axios buffers a request's
 * whole body, see follow-redirects), no proxy handling of its own (the agents from net/http-client
 * already go through HTTPS_PROXY / HTTP_PROXY, as uploads do), and the answer is read as a stream
 * by readText, with the same caps and the same errors as every other answer the engine reads.
 */
import type { ClientRequest, IncomingMessage } from 'node:http';
import type { AxiosError, AxiosInstance, AxiosStatic } from 'axios';
import { AppError } from '../../../shared/errors';
import { agentFor, DEFAULT_ANSWER_CAP_BYTES, failWhenIdle, formatCap, isAnswerTooLarge, readText } from '../net/http-client';
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
  timeoutMs: number;
  /** This client's axios instance (createBackendAxios), made at its first request. */
  http: () => Promise<AxiosInstance>;
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

/**
 * Loaded at the first request, not at start: importing axios (with form-data and follow-redirects,
 * which it loads whether used or not) costs ~20 MB of RSS (measured), which commands that never
 * ask the backend (status, retry) need not carry.
 */
export function lazyBackendAxios(tokens: TokenStore, timeoutMs: number): () => Promise<AxiosInstance> {
  let instance: Promise<AxiosInstance> | undefined;
  return () => (instance ??= import('axios').then(({ default: axios }) => createBackendAxios(axios, tokens, timeoutMs)));
}

export function createBackendAxios(axios: AxiosStatic, tokens: TokenStore, timeoutMs: number): AxiosInstance {
  const instance = axios.create({
    maxRedirects: 0,
    proxy: false,
    responseType: 'stream',
    decompress: false,
    // Every status is the caller's to classify (retryPolicy), not an axios error.
    validateStatus: () => true,
    // Until the answer's headers; the answer's body has the same idle timeout (exchange).
    timeout: timeoutMs,
    transitional: { clarifyTimeoutError: true },
    maxBodyLength: REQUEST_CAP_BYTES,
    headers: { Accept: 'application/json', 'Accept-Encoding': 'identity' },
  });
  instance.interceptors.request.use(async (config) => {
    const token = tokens.get();
    if (!token) throw missingTokenError();
    config.headers.set('Authorization', `Token token="${token}"`);
    const target = new URL(config.url ?? '');
    const agent = await agentFor(target);
    if (target.protocol === 'https:') config.httpsAgent = agent;
    else config.httpAgent = agent;
    return config;
  });
  instance.interceptors.response.use((response) => {
    const fresh = headerValue((response.data as IncomingMessage).headers['x-token']);
    if (fresh) tokens.set(fresh);
    return response;
  });
  return instance;
}

/** An axios error without its request config (which holds the token): its code and cause for retryPolicy. */
function withoutConfig(error: unknown): unknown {
  if (!(error instanceof Error) || !(error as Partial<AxiosError>).isAxiosError) return error;
  const { message, cause, code } = error as AxiosError;
  return Object.assign(new Error(message, { cause }), { code });
}

async function exchange(settings: HttpSettings, req: BackendRequest) {
  const { body, contentType } = bodyOf(req);
  try {
    const http = await settings.http();
    const response = await http.request<IncomingMessage>({
      method: req.method,
      url: joinUrl(settings.baseUrl, req.path),
      data: body,
      headers: contentType ? { 'Content-Type': contentType } : {},
    });
    failWhenIdle(response.request as ClientRequest, settings.timeoutMs);
    const answer = response.data;
    return { status: response.status, headers: answer.headers, text: await readText(answer, { maxBytes: req.maxAnswerBytes }) };
  } catch (error) {
    if (isAnswerTooLarge(error)) throw answerTooLargeError(req, error.maxBytes);
    throw classifyNodeError(withoutConfig(error), SERVICE);
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
