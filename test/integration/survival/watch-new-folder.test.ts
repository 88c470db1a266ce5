/**
 * A folder that appears in a watched folder (a card copy makes "Reception/" and fills it) is walked by PixDrop
 * itself: chokidar reads a new folder before it watches it, so a photo copied in between raises no event.
 * PIXDROP_WATCH_EVENTS=folders plays exactly that loss for every file: only new folders are announced, and
 * the rescan is left at its 5 minutes, so nothing else would find the photos within the test.
 * Real `pixdrop watch` processes against the real local servers.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli';
import { expectEachPhotoOnce, makePhotos, sleep, smallBatch, waitFor, watchedStackEach } from './harness';

const w = watchedStackEach();

describe('a new folder in a watched folder, whose files raise no events', () => {
  it('is walked when it appears and again a little later: photos copied in at once and a second later both arrive', async () => {
    const shoot = path.join(w.stack.dir, 'Wedding');
    mkdirSync(shoot, { recursive: true });
    w.watcher = startCli(['watch', shoot, '--album-from-folder', '--json'], w.stack.envFor('data', { PIXDROP_WATCH_EVENTS: 'folders' }));
    await waitFor(() => w.watcher!.stdout().includes(`watching ${shoot}`), 30_000, 'the watch to start');

    const copiedAtOnce = makePhotos(path.join(shoot, 'Reception'), smallBatch(2), 100);
    const nested = makePhotos(path.join(shoot, 'Reception', 'Dance'), smallBatch(1), 200);
    // Written after the first walk of the new folder (at ~0.3 s): only the second look finds it.
    const empty = path.join(shoot, 'Party');
    mkdirSync(empty);
    await sleep(1500);
    const late = makePhotos(empty, smallBatch(1), 300);

    const photos = [...copiedAtOnce, ...nested, ...late];
    await waitFor(() => w.stack.backend.listImages().length >= photos.length, 40_000, 'every photo of the new folders in the album');
    expectEachPhotoOnce(w.stack, photos);
    const albums = w.stack.backend.listImages().map((r) => String(r.metadatas.relative_path).split('/')[0]);
    expect(albums.sort()).toEqual(['Party', 'Reception', 'Reception', 'Reception']);
  });
});
