/**
 * A bug that throws outside any request (a timer, a stream callback, a forgotten promise) must not
 * end the desktop app silently with uploads half done. Node's default is to exit; Electron's is a
 * modal box that blocks the main process. Instead each one is logged, shown without blocking, and
 * the engine keeps running: every job's state is in the library, so a job the bug touched is
 * retried like after any failure. Only when errors keep coming (a loop the app cannot leave) does
 * it quit — cleanly, through the normal stop, and saying why.
 */
import { redact } from '../engine/logger';

export interface CrashGuardHooks {
  log(kind: CrashKind, error: { message: string; stack?: string }): void;
  /** Non-blocking: a notice in the window and a desktop notification. */
  show(message: string): void;
  /** Stop the engine cleanly and quit, with this message for the user. */
  quit(message: string): void;
}

export type CrashKind = 'uncaughtException' | 'unhandledRejection';

export interface CrashGuardOptions {
  /** More errors than this within `windowMs` means a loop: quit instead of going on. */
  maxErrors?: number;
  windowMs?: number;
  /** At most one notice per this many ms; every error is logged. */
  showEveryMs?: number;
  now?: () => number;
}

type ProcessEvents = Pick<NodeJS.Process, 'on' | 'off'>;

/**
 * `hooks` is read at each error: null until the engine and the window exist (errors before
 * that are written to stderr and the start-up goes on or fails on its own).
 */
export function installCrashGuard(proc: ProcessEvents, hooks: () => CrashGuardHooks | null, o: CrashGuardOptions = {}): () => void {
  const maxErrors = o.maxErrors ?? 10;
  const windowMs = o.windowMs ?? 60_000;
  const showEveryMs = o.showEveryMs ?? 10_000;
  const now = o.now ?? Date.now;
  let recent: number[] = [];
  let lastShown = -Infinity;
  let quitting = false;

  const handle = (kind: CrashKind, reason: unknown) => {
    const error = describe(reason);
    const h = hooks();
    if (!h) {
      process.stderr.write(`pixdrop: ${kind}: ${error.stack ?? error.message}\n`);
      return;
    }
    h.log(kind, error);
    const at = now();
    recent = [...recent.filter((t) => at - t < windowMs), at];
    if (recent.length > maxErrors && !quitting) {
      quitting = true;
      h.quit(
        `PixDrop hit ${recent.length} internal errors in a row (last: ${error.message}) and is closing to protect your uploads. Start it again: every photo continues where it stopped.`,
      );
      return;
    }
    if (at - lastShown >= showEveryMs) {
      lastShown = at;
      h.show(`PixDrop hit an internal error (${error.message}). Uploads go on; if a photo stays stuck, Retry it. Details are in the log file.`);
    }
  };
  const onException = (error: Error) => handle('uncaughtException', error);
  const onRejection = (reason: unknown) => handle('unhandledRejection', reason);
  proc.on('uncaughtException', onException);
  proc.on('unhandledRejection', onRejection);
  return () => {
    proc.off('uncaughtException', onException);
    proc.off('unhandledRejection', onRejection);
  };
}

function describe(reason: unknown): { message: string; stack?: string } {
  // Shown to the user as well as logged: masked like every log line, and kept short.
  const message = redact(reason instanceof Error ? reason.message : String(reason)).slice(0, 300);
  return reason instanceof Error && reason.stack ? { message, stack: redact(reason.stack) } : { message };
}
