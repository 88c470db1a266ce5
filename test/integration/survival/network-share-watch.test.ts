/**
 * Files another machine writes onto a network share raise no file events here. A watched folder
 * on a FUSE mount (bindfs: the photos are written to the folder behind it, as a NAS's other client
 * would, so the mount sees no event) is detected and watched by polling; and in a watched folder
 * whose new files raise no events at all, new photos arrive within the rescan interval. Real
 * `pixdrop watch` processes against the real local servers.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ndjson, startCli } from '../../helpers/cli';
import { makePhotos, smallBatch, waitFor, watchedStackEach } from './harness';

/** How long a new file must stand still before it is queued (discover/watcher.ts DEFAULT_STABILITY_MS). */
const STABILITY_MS = 2000;
/** Uploading a few small photos to the local servers, with room for a busy machine. */
const UPLOAD_SLACK_MS = 4000;

const w = watchedStackEach();

const records = () => w.stack.backend.listImages().length;

/** Writes `count` new photos and returns how long until the album had them all. */
async function newPhotosArrive(folder: string, count: number, seed: number, withinMs: number): Promise<number> {
  const before = records();
  const started = Date.now();
  makePhotos(
    folder,
    smallBatch(count).map((s, i) => ({ ...s, name: `NEW_${seed}_${i}.jpg` })),
    seed,
  );
  await waitFor(() => records() >= before + count, withinMs, `${count} new photos in the album`);
  return Date.now() - started;
}

describe('watched folders whose new files raise no events', () => {
  it('a folder whose w.watcher hears nothing: new photos arrive within the rescan interval', async () => {
    const RESCAN_MS = 1500;
    const folder = path.join(w.stack.dir, 'Share');
    makePhotos(folder, smallBatch(2), 1);
    w.watcher = startCli(
      ['watch', folder, '--album-from-folder', '--json'],
      w.stack.envFor('data', { PIXDROP_WATCH_EVENTS: 'off', PIXDROP_RESCAN_INTERVAL_MS: String(RESCAN_MS) }),
    );
    await waitFor(() => records() >= 2, 30_000, 'the photos already there');

    const limit = RESCAN_MS + STABILITY_MS + UPLOAD_SLACK_MS;
    const took = await newPhotosArrive(folder, 3, 500, limit);
    const again = await newPhotosArrive(folder, 2, 900, limit);
    console.log(`new photos without file events arrived after ${took} ms and ${again} ms (rescan every ${RESCAN_MS} ms, ${STABILITY_MS} ms stability)`);
    expect(records()).toBe(7);
  });

  it('a folder on a FUSE mount is watched by polling: photos written behind the mount arrive', async (ctx) => {
    const hasBindfs = (() => {
      try {
        execFileSync('bindfs', ['--version'], { stdio: 'pipe' });
        return true;
      } catch {
        return false;
      }
    })();
    if (!hasBindfs) {
      console.log('skipped: bindfs is not installed (apt-get install bindfs), so no FUSE mount can be made here');
      ctx.skip();
    }
    const behind = path.join(w.stack.dir, 'nas-disk');
    const mount = path.join(w.stack.dir, 'Studio NAS');
    mkdirSync(behind, { recursive: true });
    mkdirSync(mount, { recursive: true });
    try {
      execFileSync('bindfs', [behind, mount], { stdio: 'pipe' });
    } catch (error) {
      console.log(`skipped: bindfs could not mount here (${String((error as { stderr?: Buffer }).stderr ?? error).trim()})`);
      ctx.skip();
    }
    try {
      makePhotos(behind, smallBatch(1), 3);
      // A rescan far away: only polling can find the new photos in time.
      w.watcher = startCli(['watch', mount, '--album-from-folder', '--json'], w.stack.envFor('data', { PIXDROP_RESCAN_INTERVAL_MS: String(10 * 60_000) }));
      await waitFor(() => records() >= 1, 30_000, 'the photo already there');
      const notice = ndjson(w.watcher.stdout()).find((e) => e.type === 'notice' && String(e.message).startsWith('watching'));
      expect(notice?.message).toBe(`watching ${mount} (on a FUSE mount: watched by polling)`);

      const took = await newPhotosArrive(behind, 3, 700, 1000 + STABILITY_MS + UPLOAD_SLACK_MS);
      console.log(`photos written behind a FUSE mount arrived after ${took} ms (polling every 1000 ms)`);
      expect(records()).toBe(4);
    } finally {
      if (w.watcher && w.watcher.child.exitCode === null) {
        w.watcher.child.kill('SIGINT');
        await w.watcher.done;
      }
      execFileSync('fusermount', ['-u', mount], { stdio: 'pipe' });
    }
  });
});
