/**
 * watchFolder: reports photos appearing below a folder once they stopped growing (a card
 * copy writes for a while; chokidar's awaitWriteFinish waits for the size to settle).
 * Deletions are ignored on purpose: nothing local ever deletes anything remote. When the
 * folder itself disappears (card or drive unplugged) it is "unavailable", polled until back.
 */
import { watch, type FSWatcher } from 'chokidar';
import { stat } from 'node:fs/promises';
import { basename, relative, sep } from 'node:path';
import type { Logger } from '../types';
import { isIgnoredName } from './photo-types';
import { mediaKindByName } from './media-types';
import type { FoundFile } from './walk';

export interface WatchHandle {
  /**
   * A file found by a scan that may still be growing: reported through onStable once its size
   * and mtime held still for the stability time (chokidar only reports files it saw change).
   */
  settle(file: FoundFile): void;
  close(): Promise<void>;
}

export const DEFAULT_STABILITY_MS = 2000;

/** A file modified within the stability time may still be being copied. */
export function mayStillBeWritten(file: { mtimeMs: number }, nowMs: number, stabilityMs = DEFAULT_STABILITY_MS): boolean {
  return nowMs - file.mtimeMs < stabilityMs;
}

export interface WatchFolderOptions {
  onStable(file: FoundFile): void;
  onUnavailable(reason: string): void;
  onAvailable(): void;
  stabilityMs?: number;
  /** How often an unavailable folder is looked for. */
  pollMs?: number;
  logger?: Logger;
}

function ignoredPath(root: string) {
  return (path: string) => {
    if (path === root) return false;
    return relative(root, path)
      .split(sep)
      .some((part) => isIgnoredName(part));
  };
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

export async function watchFolder(root: string, o: WatchFolderOptions): Promise<WatchHandle> {
  const stabilityMs = o.stabilityMs ?? DEFAULT_STABILITY_MS;
  let watcher: FSWatcher | null = null;
  let poll: NodeJS.Timeout | null = null;
  let closed = false;
  let available = true;

  const startWatcher = async () => {
    const w = watch(root, {
      ignoreInitial: true, // the engine scans the folder itself when watching starts
      ignored: ignoredPath(root),
      awaitWriteFinish: { stabilityThreshold: stabilityMs, pollInterval: Math.min(250, stabilityMs / 4) },
      followSymlinks: true,
    });
    const report = async (path: string) => {
      if (!mediaKindByName(basename(path))) return;
      try {
        const s = await stat(path);
        if (!s.isFile()) return;
        o.onStable({ path, root, relativePath: relative(root, path).split(sep).join('/'), size: s.size, mtimeMs: s.mtimeMs });
      } catch (error) {
        o.logger?.debug(`watch: ${path} vanished before it could be queued`, { error: String(error) });
      }
    };
    w.on('add', report);
    w.on('change', report);
    w.on('unlinkDir', (dir) => {
      if (dir === root) void goneAway('the folder disappeared');
    });
    w.on('error', (error) => o.logger?.warn(`watch: ${root}: ${String(error)}`));
    await new Promise<void>((resolve) => w.once('ready', () => resolve()));
    watcher = w;
  };

  const goneAway = async (reason: string) => {
    if (!available || closed) return;
    available = false;
    await watcher?.close();
    watcher = null;
    o.onUnavailable(reason);
    const look = async () => {
      if (closed) return;
      if (await exists(root)) {
        available = true;
        await startWatcher();
        o.onAvailable();
        return;
      }
      poll = setTimeout(look, o.pollMs ?? 3000);
    };
    poll = setTimeout(look, o.pollMs ?? 3000);
  };

  if (await exists(root)) await startWatcher();
  else await goneAway('the folder is not there');
  // chokidar does not always see the root itself vanish (unmounts); check now and then.
  const rootCheck = setInterval(async () => {
    if (available && !closed && !(await exists(root))) await goneAway('the folder disappeared');
  }, o.pollMs ?? 3000);
  rootCheck.unref();

  const settling = new Map<string, NodeJS.Timeout>();
  const settle = (file: FoundFile) => {
    if (closed || settling.has(file.path)) return;
    let last = { size: file.size, mtimeMs: file.mtimeMs };
    const later = () => {
      const timer = setTimeout(() => void check(), stabilityMs);
      timer.unref();
      settling.set(file.path, timer);
    };
    const check = async () => {
      settling.delete(file.path);
      if (closed) return;
      const now = await stat(file.path).catch(() => null);
      if (!now?.isFile()) return; // gone (or replaced by a folder): nothing to queue
      if (now.size === last.size && now.mtimeMs === last.mtimeMs) return o.onStable({ ...file, size: now.size, mtimeMs: now.mtimeMs });
      last = { size: now.size, mtimeMs: now.mtimeMs };
      later();
    };
    later();
  };

  return {
    settle,
    async close() {
      closed = true;
      settling.forEach((timer) => clearTimeout(timer));
      clearInterval(rootCheck);
      if (poll) clearTimeout(poll);
      await watcher?.close();
    },
  };
}
