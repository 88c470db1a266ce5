/**
 * The error vocabulary shared by engine, CLI and UI. Every failure is turned into one
 * ErrorCode (see main/engine/queue/retry-policy.ts `classify`), so the UI and the CLI can
 * explain it in plain words and decide whether Retry makes sense.
 */
export const ERROR_CODES = [
  'OFFLINE', // no route to the server at all: the queue waits, nothing is marked failed
  'NETWORK', // 5xx, reset, timeout, stall: retried with backoff
  'RATE_LIMITED', // 420/429: the whole queue pauses, honouring Retry-After
  'AUTH', // 401/403: everything pauses until a new token/credentials arrive
  'REJECTED', // other 4xx: this file fails, the others go on
  'FILE_CHANGED', // modified while being uploaded: restarted from scratch
  'FILE_GONE', // vanished before or during upload
  'UNREADABLE', // permissions, I/O error, symlink loop
  'EMPTY_FILE', // zero bytes
  'CORRUPT_FILE', // truncated or damaged photo data
  'NOT_A_PHOTO', // content is not a supported photo format
  'DISK_FULL', // the library (SQLite) could not be written
  'BAD_RESPONSE', // malformed or truncated server answer
  'ABORTED', // stopped on purpose (pause, cancel, Ctrl-C): not a network problem; progress is kept
  'SESSION', // the local session (`pixdrop serve`'s page token) was refused: open the printed address again, no backend token involved
  'CONFIG', // bad configuration value
  'INTERNAL', // a bug: reported, never silently swallowed
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** An error as it crosses any boundary (IPC, HTTP, NDJSON): plain data, no stack. */
export interface ErrorView {
  code: ErrorCode;
  message: string;
  details?: Record<string, unknown>;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details?: Record<string, unknown>;
  /** Seconds the server asked us to wait (Retry-After), when known. */
  readonly retryAfterSeconds?: number;

  constructor(code: ErrorCode, message: string, options: { details?: Record<string, unknown>; retryAfterSeconds?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details;
    this.retryAfterSeconds = options.retryAfterSeconds;
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** Errors whose cause is outside the file itself: the job waits and tries again. */
export const TRANSIENT_CODES: ReadonlySet<ErrorCode> = new Set(['OFFLINE', 'NETWORK', 'RATE_LIMITED', 'BAD_RESPONSE']);

export function toView(error: unknown): ErrorView {
  if (isAppError(error)) {
    return error.details ? { code: error.code, message: error.message, details: error.details } : { code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'INTERNAL', message: `Unexpected error: ${message}. Please report it with the log file.` };
}
