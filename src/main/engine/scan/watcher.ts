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
import { isIgnoredName, photoTypeByExtension } from './photo-types';
import type { FoundFile } from './walk';

export interface WatchHandle {
  close(): Promise<void>;
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
  const stabilityMs = o.stabilityMs ?? 2000;
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
      if (!photoTypeByExtension(basename(path))) return;
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

  return {
    async close() {
      closed = true;
      clearInterval(rootCheck);
      if (poll) clearTimeout(poll);
      await watcher?.close();
    },
  };
}
