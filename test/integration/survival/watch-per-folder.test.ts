/**
 * A watched season holds one watch per folder, not one per photo: chokidar would hold an fs watcher and an inotify
 * watch for every file (about 2.7 KB of heap each; 100,000 photos would also run into the system's inotify limit).
 * Counted from the kernel's own list of this process's inotify watches (/proc/self/fdinfo), on Linux.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchFolder, type WatchHandle } from '../../../src/main/engine/discover/watcher';
import { tempDir } from '../../helpers/stack';
import { waitFor } from './harness';

/** The inotify watches this process holds, as the kernel lists them. */
function inotifyWatches(): number {
  let count = 0;
  for (const fd of readdirSync('/proc/self/fdinfo')) {
    try {
      count += readFileSync(`/proc/self/fdinfo/${fd}`, 'utf8')
        .split('\n')
        .filter((line) => line.startsWith('inotify wd:')).length;
    } catch {
      // closed meanwhile
    }
  }
  return count;
}

describe('watching a big tree', () => {
  let handle: WatchHandle | null = null;
  afterEach(async () => handle?.close());

  it('holds one watch per folder, not per photo, and still says where a new photo is', async (ctx) => {
    if (process.platform !== 'linux') {
      console.log('skipped: inotify watches are counted from /proc, on Linux only');
      ctx.skip();
    }
    const season = path.join(tempDir('pixdrop-season-'), 'Season');
    for (let d = 0; d < 40; d += 1) {
      mkdirSync(path.join(season, `Shoot ${d}`), { recursive: true });
      for (let f = 0; f < 50; f += 1) writeFileSync(path.join(season, `Shoot ${d}`, `IMG_${f}.jpg`), 'x');
    }
    const before = inotifyWatches();
    const changed: string[] = [];
    handle = await watchFolder(season, {
      onStable: () => undefined,
      onChanged: (f) => changed.push(f),
      onUnavailable: () => undefined,
      onAvailable: () => undefined,
    });
    const held = inotifyWatches() - before;
    console.log(`2,000 photos in 40 folders: ${held} inotify watches held by the watch`);
    expect(held).toBeLessThanOrEqual(41 + 2);
    writeFileSync(path.join(season, 'Shoot 7', 'IMG_new.jpg'), 'y');
    await waitFor(() => changed.includes(path.join(season, 'Shoot 7')), 10_000, 'the folder of the new photo');
  });
});
