/**
 * classify(): the one place where an HTTP answer or a Node error becomes an ErrorCode, and
 * where the backoff between attempts is computed. Clients (Cloudinary upload, album backend)
 * call classifyHttp / classifyNodeError and throw the resulting AppError; the scheduler then
 * decides from the code alone whether to wait, pause everything, or fail the file.
 */
import { AppError, type ErrorCode } from '../../../shared/errors';
import { isDiskFullError } from '../library/db';

export interface HttpFailure {
  status: number;
  /** The server's own message (Cloudinary: body.error.message), when the body had one. */
  serverMessage?: string;
  /** Raw Retry-After header value. */
  retryAfter?: string | null;
  /** Who answered, for the message: "Cloudinary" or "the album backend". */
  service: string;
}

export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, Math.ceil((date - nowMs) / 1000));
}

export function codeForStatus(status: number): ErrorCode {
  if (status === 420 || status === 429) return 'RATE_LIMITED';
  if (status === 401 || status === 403) return 'AUTH';
  if (status === 408 || status >= 500) return 'NETWORK';
  if (status >= 400) return 'REJECTED';
  return 'BAD_RESPONSE';
}

export function classifyHttp(failure: HttpFailure, nowMs = Date.now()): AppError {
  const code = codeForStatus(failure.status);
  // The server's sentence is embedded in ours: without its final stop (no "valid.. Enter").
  const said = failure.serverMessage ? `: ${failure.serverMessage.replace(/[.\s]+$/, '')}` : '';
  const what: Record<ErrorCode, string> = {
    RATE_LIMITED: `${failure.service} asked us to slow down (HTTP ${failure.status})${said}. Uploads pause and resume by themselves.`,
    AUTH: `${failure.service} refused our credentials (HTTP ${failure.status})${said}. Enter a new token or Cloudinary URL in Settings (or set PIXDROP_API_TOKEN / CLOUDINARY_URL); the queue waits.`,
    NETWORK: `${failure.service} had a temporary problem (HTTP ${failure.status})${said}. It will be retried automatically.`,
    REJECTED: `${failure.service} refused this file (HTTP ${failure.status})${said}. Check the file, then retry it.`,
    BAD_RESPONSE: `${failure.service} answered with something unexpected (HTTP ${failure.status})${said}. It will be retried automatically.`,
  } as Record<ErrorCode, string>;
  return new AppError(code, what[code], {
    details: { httpStatus: failure.status, serverMessage: failure.serverMessage },
    retryAfterSeconds: parseRetryAfter(failure.retryAfter, nowMs),
  });
}

const OFFLINE_ERRNOS = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENETDOWN']);
const NETWORK_ERRNOS = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'ERR_STREAM_PREMATURE_CLOSE']);

function errnoOf(error: unknown): string | undefined {
  let current: unknown = error;
  // Wrapped errors carry the socket's error in `cause`; look a few levels down.
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return code;
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Node errors of a request or a file read. `subject` names the file or the service. */
export function classifyNodeError(error: unknown, subject: string): AppError {
  if (error instanceof AppError) return error;
  const errno = errnoOf(error);
  const detail = error instanceof Error ? error.message : String(error);
  if (errno === 'ENOENT') return new AppError('FILE_GONE', `${subject} no longer exists. Put it back and retry it, or ignore it.`, { cause: error });
  if (errno === 'EACCES' || errno === 'EPERM' || errno === 'ELOOP' || errno === 'EISDIR' || errno === 'EIO') {
    return new AppError('UNREADABLE', `${subject} cannot be read (${errno}). Check its permissions, then retry it.`, { cause: error });
  }
  if (errno && isDiskFullError(errno, null)) {
    return new AppError('DISK_FULL', `The disk is full while working on ${subject}. Free some space; nothing was lost.`, { cause: error });
  }
  if (errno && OFFLINE_ERRNOS.has(errno)) {
    return new AppError('OFFLINE', `Cannot reach ${subject} (${errno}). Uploads wait and resume when it is reachable again.`, { cause: error });
  }
  if ((errno && NETWORK_ERRNOS.has(errno)) || (error instanceof Error && error.name === 'AbortError')) {
    return new AppError('NETWORK', `The connection to ${subject} broke (${errno ?? detail}). It will be retried automatically.`, { cause: error });
  }
  return new AppError('INTERNAL', `Unexpected error with ${subject}: ${detail}`, { cause: error });
}

export interface BackoffOptions {
  baseMs?: number;
  capMs?: number;
  /** 0..1 → jitter factor source; injected so tests are deterministic. */
  random?: () => number;
}

/** Capped exponential backoff with full jitter: attempt 1 → up to base, doubling, never above cap. */
export function backoffDelayMs(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 1000;
  const cap = options.capMs ?? 60_000;
  const random = options.random ?? Math.random;
  const ceiling = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  // Half fixed, half random: never zero (no hammering), still spread out.
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}
