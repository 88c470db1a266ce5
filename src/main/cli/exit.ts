/** Exit codes of contract §1 and the one-line error a person sees for each failure. */
import { AppError, toView } from '../../shared/errors';
import { isDiskFullError } from '../engine/library/db';
import { flushLogs } from '../engine/logger';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

const DISK_FULL_LINE =
  'The disk holding the PixDrop library is full (no space left on device), so the queue cannot be saved. ' +
  'Free some space there (or set PIXDROP_DATA_DIR to a folder on a bigger disk), then run the same command again; nothing was lost.';

/** True for a full-disk failure: our DISK_FULL, or a raw ENOSPC / SQLITE_FULL anywhere in its causes. */
export function isDiskFull(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current && typeof current === 'object'; depth += 1) {
    if (current instanceof AppError && current.code === 'DISK_FULL') return true;
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && isDiskFullError(code, null)) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/** The sentence a person reads: ours for known failures, never a stack trace. */
export function fatalMessage(error: unknown): string {
  if (error instanceof UsageError) return error.message;
  if (error instanceof AppError && error.code === 'DISK_FULL') return error.message;
  if (isDiskFull(error)) return DISK_FULL_LINE;
  return toView(error).message;
}

/** Prints one clear line on stderr and returns the exit code that goes with it. */
export function reportFatal(error: unknown): number {
  process.stderr.write(`pixdrop: ${fatalMessage(error)}\n`);
  if (error instanceof UsageError) return EXIT_USAGE;
  if (error instanceof AppError && error.code === 'CONFIG') return EXIT_USAGE;
  return EXIT_FAILED;
}

/**
 * For the CLI's entry point: an error that escapes every command (a library write failing
 * inside the queue loop, say) still ends as one line and exit 1 rather than a stack trace.
 * The library is crash-safe (WAL), so stopping right there loses nothing.
 */
export function exitOnEscapedError(): void {
  const stop = (error: unknown) => {
    const code = reportFatal(error);
    void flushLogs(500).finally(() => process.exit(code));
  };
  process.on('uncaughtException', stop);
  process.on('unhandledRejection', stop);
}
