/**
 * A folder moved inside a watched folder (`mv shoot/Reception/Dance shoot/Dance`) is no file gone: its photos are
 * known at the new place by content, nothing is sent again, and no "no longer exists" is said of the old path.
 * Real `pixdrop watch` processes against the real local servers.
 */
import { renameSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli';
import { makePhotos, smallBatch, waitFor, watchedStackEach } from './harness';

const w = watchedStackEach();

describe('a folder moved inside a watched folder', () => {
  it('is not said to be gone, and nothing is uploaded again', { timeout: 90_000 }, async () => {
    const shoot = path.join(w.stack.dir, 'shoot');
    const photos = [...makePhotos(path.join(shoot, 'Reception', 'Dance'), smallBatch(2), 10), ...makePhotos(path.join(shoot, 'Reception'), smallBatch(1), 20)];
    w.watcher = startCli(['watch', shoot, '--album-from-folder'], w.stack.envFor('data'));
    await waitFor(() => (w.watcher!.stdout().match(/^uploaded /gm) ?? []).length === photos.length, 40_000, 'the shoot uploaded');
    const sent = w.stack.cloudinary.stats().uploadRequests;
    renameSync(path.join(shoot, 'Reception', 'Dance'), path.join(shoot, 'Dance'));
    // The moved photos are found at their new place: said as already in the album.
    await waitFor(() => (w.watcher!.stdout().match(/^already in the album: .*\/shoot\/Dance\//gm) ?? []).length === 2, 40_000, 'the moved photos seen');
    await new Promise((r) => setTimeout(r, 2000));
    w.watcher.child.kill('SIGINT');
    const { stdout, stderr, code } = await w.watcher.done;
    expect(code).toBe(0);
    expect(`${stdout}${stderr}`).not.toContain('no longer exists');
    expect(stderr).not.toMatch(/^failed/m);
    expect(w.stack.cloudinary.stats().uploadRequests).toBe(sent);
    expect(w.stack.backend.listImages()).toHaveLength(photos.length);
  });
});
