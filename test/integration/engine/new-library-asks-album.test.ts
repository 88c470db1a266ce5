/**
 * A new library (a second computer, a reinstall, a lost data dir) asks the album what it holds
 * before sending anything: the same folder uploaded again from a fresh data dir sends no byte and
 * posts no registration, against a backend that does NOT deduplicate (contract §4). Real `pixdrop
 * upload` processes against the real local servers.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { writeBigJpeg } from '../../helpers/photos';
import { copyFixturePhotos, expectEachPhotoOnce, noDedupShootEach } from '../survival/harness';

beforeAll(() => requireBuiltCli());
const shoot = noDedupShootEach('Iceland 2024', copyFixturePhotos);

async function upload(dataDir: string) {
  const before = { cloudinary: shoot.stack.cloudinary.stats(), backend: shoot.stack.backend.stats() };
  const run = await runCli(['upload', shoot.folder, '--album-from-folder', '--json'], shoot.stack.envFor(dataDir));
  expect(run.code, run.stderr).toBe(0);
  const summary = ndjson(run.stdout).find((e) => e.type === 'summary') as Record<string, number>;
  const after = { cloudinary: shoot.stack.cloudinary.stats(), backend: shoot.stack.backend.stats() };
  return {
    summary,
    bytesSent: after.cloudinary.bytesReceived - before.cloudinary.bytesReceived,
    // Uploads only: a run may still ask Cloudinary for its clock (the Date header) before signing.
    cloudinaryRequests: after.cloudinary.uploadRequests - before.cloudinary.uploadRequests,
    posts: after.backend.imagePosts - before.backend.imagePosts,
    backendRequests: after.backend.requests - before.backend.requests,
  };
}

const expectOncePerPhoto = (others = 0) => expectEachPhotoOnce(shoot.stack, shoot.photos, others);

describe('a new library pointed at an album that has the photos', () => {
  it('sends 0 bytes and 0 POSTs: every photo is "already in the album"', async () => {
    const first = await upload('data-A');
    expect(first.summary).toMatchObject({ uploaded: shoot.photos.length, skipped: 0, failed: 0 });
    expect(first.posts).toBe(shoot.photos.length);
    expectOncePerPhoto();

    const second = await upload('data-B');
    expect(second.summary).toMatchObject({ uploaded: 0, skipped: shoot.photos.length, failed: 0, bytes: 0 });
    expect(second.bytesSent).toBe(0);
    expect(second.cloudinaryRequests).toBe(0);
    expect(second.posts).toBe(0);
    // Asked, not guessed: the album list / creation by name, and one page of the listing.
    expect(second.backendRequests).toBeLessThanOrEqual(3);
    expectOncePerPhoto();
  });

  it('two records of one photo found while paging through the album: the later one is deleted, nothing is sent', async () => {
    await upload('data-A');
    const [record] = shoot.stack.backend.listImages();
    const twin = shoot.stack.backend.addImage(record.album_id, record.infos);
    expect(twin.id).not.toBe(record.id);
    const again = await upload('data-B');
    expect(again.summary).toMatchObject({ uploaded: 0, skipped: shoot.photos.length, failed: 0 });
    expect([again.bytesSent, again.posts]).toEqual([0, 0]);
    expectOncePerPhoto();
  });

  it('a lost library (data dir emptied) is rebuilt from the backend without sending anything again', async () => {
    await upload('data-A');
    rmSync(path.join(shoot.stack.dir, 'data-A'), { recursive: true, force: true });
    const again = await upload('data-A');
    expect(again.summary).toMatchObject({ uploaded: 0, skipped: shoot.photos.length, failed: 0 });
    expect([again.bytesSent, again.posts]).toEqual([0, 0]);
    expectOncePerPhoto();
  });

  it('an album far bigger than the run is asked per photo instead of paged through', async () => {
    await upload('data-A');
    const albumId = shoot.stack.backend.listImages()[0].album_id;
    // 2,600 newer photos from elsewhere: paging would be 3 pages of 1000 to learn about these 20.
    for (let i = 0; i < 2600; i += 1) shoot.stack.backend.addImage(albumId, { public_id: `elsewhere/${i}`, width: 10, height: 10, format: 'jpg' });
    const again = await upload('data-B');
    expect(again.summary).toMatchObject({ uploaded: 0, skipped: shoot.photos.length, failed: 0 });
    expect([again.bytesSent, again.posts]).toEqual([0, 0]);
    // The album found by name, its first page (with X-Total-Count), then one ?public_id= question per photo.
    expect(again.backendRequests).toBe(2 + shoot.photos.length);
    expectOncePerPhoto(2600);
  });

  it('a photo new to the album is sent once; the ones it has are not', async () => {
    await upload('data-A');
    // One photo the album does not have yet, next to the ones it has.
    const added = path.join(shoot.folder, 'NEW_0001.jpg');
    const sha1 = writeBigJpeg(added, 300_000, 4242);
    shoot.photos.push({ path: added, sha1, size: 300_000 });
    const again = await upload('data-B');
    expect(again.summary).toMatchObject({ uploaded: 1, skipped: shoot.photos.length - 1, failed: 0 });
    expect(again.posts).toBe(1);
    expect(again.bytesSent).toBeGreaterThanOrEqual(300_000);
    expect(again.bytesSent).toBeLessThan(400_000);
    expectOncePerPhoto();
  });
});
