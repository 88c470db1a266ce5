/**
 * A HEIC with no JPEG preview in it (the iPhone 13 Pro Max fixture: its thumbnail is HEVC too) still
 * gets a picture: `pixdrop serve`'s thumbnail route answers a JPEG decoded from it, of the photo's
 * shape (portrait, as the camera turned it), decoded once and kept in the data dir; a HEIC cut short
 * gets no picture and a clear answer while the engine goes on. After upload, the demo-mode Cloudinary
 * server delivers a JPEG for its .jpg rendition, as Cloudinary does.
 */
import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageView, JobPage, Result } from '../../../src/shared/api';
import { cloudinaryRendition, TILE_TRANSFORMATION } from '../../../src/renderer/lib/cloudinaryUrl';
import { fixturesDir, sha1Of, tempDir, waitFor } from '../../helpers';
import { startDemoWebHost, type DemoWebHost } from '../../helpers/demo-web-host';
import { DECODER_DEFAULTS } from '../../../src/main/engine/thumbnails/heic-decoder';
import { processDecoder } from '../../../src/main/engine/thumbnails/heic-thumbnails';

const IPHONE = path.join(fixturesDir, 'formats/heic/apple-iphone-13-pro-max.HEIC');

let host: DemoWebHost;
let shoot: string;
const thumbnailsDir = () => path.join(host.dataDir, 'thumbnails');

async function call<T>(method: string, args: unknown[]): Promise<T> {
  const response = await fetch(`${host.base}/api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${host.token}` },
    body: JSON.stringify({ args }),
  });
  const result = (await response.json()) as Result<T>;
  if (!result.ok) throw new Error(result.error.message);
  return result.value;
}

const thumbnail = (jobId: number) => fetch(`${host.base}/media/thumbnail/${jobId}`, { headers: { Authorization: `Bearer ${host.token}` } });

async function jobIdOf(filename: string): Promise<number> {
  const page = await call<JobPage>('listJobs', [{ filter: 'all', limit: 50 }]);
  const job = page.jobs.find((j) => j.filename === filename);
  if (!job) throw new Error(`${filename} is not in the queue`);
  return job.id;
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

beforeAll(async () => {
  host = await startDemoWebHost('pixdrop-heic-');
  shoot = path.join(tempDir('pixdrop-heic-shoot-'), 'Harbour');
  mkdirSync(shoot);
  copyFileSync(IPHONE, path.join(shoot, 'IMG_0001.HEIC'));
  copyFileSync(path.join(fixturesDir, 'formats/heic/hmd-nokia-8.3-5g-hdr.heif'), path.join(shoot, 'IMG_0003.HEIF'));
  // A HEIC cut off after its first 20 KB: the boxes say where the picture is, the bytes are not there.
  writeFileSync(path.join(shoot, 'IMG_0002.HEIC'), readFileSync(path.join(fixturesDir, 'formats/heic/apple-iphone-7.heic')).subarray(0, 20_000));
  await call('addPaths', [[shoot], { albumFromFolder: true }]);
});

afterAll(() => host?.close());

describe('HEIC thumbnails', () => {
  it('answers a JPEG of the photo’s shape, decoded once: the second answer comes from the disk cache', async () => {
    const id = await jobIdOf('IMG_0001.HEIC');
    const first = await timed(() => thumbnail(id));
    expect(first.value.status).toBe(200);
    expect(first.value.headers.get('content-type')).toBe('image/jpeg');
    const picture = jpeg.decode(Buffer.from(await first.value.arrayBuffer()));
    // 4032×3024 turned a quarter by the camera (irot): portrait, 3:4, its longer side 480.
    expect({ width: picture.width, height: picture.height }).toEqual({ width: 360, height: 480 });
    const kept = path.join(thumbnailsDir(), `${sha1Of(IPHONE)}.jpg`);
    const keptAt = statSync(kept).mtimeMs;

    const second = await timed(() => thumbnail(id));
    expect(second.value.status).toBe(200);
    expect(Buffer.from(await second.value.arrayBuffer()).equals(readFileSync(kept))).toBe(true);
    expect(statSync(kept).mtimeMs).toBe(keptAt);
    expect(second.ms).toBeLessThan(Math.min(500, first.ms / 4));
    console.info(`HEIC thumbnail: first ${first.ms.toFixed(0)} ms (decode), second ${second.ms.toFixed(1)} ms (cache)`);
  });

  it('gives a broken HEIC no picture and a clear answer, remembers it, and the engine goes on', async () => {
    const broken = await jobIdOf('IMG_0002.HEIC');
    const answer = await thumbnail(broken);
    expect(answer.status).toBe(404);
    expect(readdirSync(thumbnailsDir()).filter((name) => name.endsWith('.failed'))).toHaveLength(1);
    expect((await call<{ demoMode: boolean }>('getStatus', [])).demoMode).toBe(true);
    expect((await thumbnail(await jobIdOf('IMG_0001.HEIC'))).status).toBe(200);
  });

  it('tells a tile that waits behind a full decode queue to come back, and gives it its picture when it does', async () => {
    const id = await jobIdOf('IMG_0003.HEIF');
    // A screen of other HEICs fills the decoder: one decoding, the rest waiting up to the bound.
    const others = readFileSync(path.join(fixturesDir, 'formats/heic/apple-iphone-7.heic'));
    const filling = Array.from({ length: DECODER_DEFAULTS.maxWaiting + 1 }, () =>
      processDecoder()
        .decode(others, 64, 50)
        .catch(() => null),
    );
    const busy = await thumbnail(id);
    expect(busy.status).toBe(503);
    expect(busy.headers.get('retry-after')).toBe('2');
    expect((await call<{ thumbnail: string | null; thumbnailLater?: boolean }>('getPhoto', [id])).thumbnailLater).toBe(true);
    expect(readdirSync(thumbnailsDir()).some((name) => name.endsWith('.failed') && name.startsWith(sha1Of(path.join(shoot, 'IMG_0003.HEIF'))))).toBe(false);

    await processDecoder().close(); // the others scrolled away
    await Promise.all(filling);
    const later = await thumbnail(id);
    expect(later.status).toBe(200);
    expect(later.headers.get('content-type')).toBe('image/jpeg');
  });

  it('after upload, the demo Cloudinary server delivers the tile rendition of a HEIC as a JPEG', async () => {
    const id = await jobIdOf('IMG_0001.HEIC');
    await waitFor(
      async () => (await call<JobPage>('listJobs', [{ filter: 'all', limit: 50 }])).jobs.find((j) => j.id === id)?.status === 'done',
      60_000,
      'the HEIC uploaded',
    );
    const album = (await call<Array<{ id: string; name: string }>>('listAlbums', [])).find((a) => a.name === 'Harbour')!;
    const image = (await call<ImageView[]>('listAlbumImages', [album.id])).find((i) => i.filename === 'IMG_0001.HEIC')!;
    const rendition = cloudinaryRendition(image.thumbnail_url, TILE_TRANSFORMATION)!;
    expect(rendition).toMatch(/\.jpg$/);
    const delivered = await fetch(rendition);
    expect(delivered.status).toBe(200);
    expect(delivered.headers.get('content-type')).toBe('image/jpeg');
    const picture = jpeg.decode(Buffer.from(await delivered.arrayBuffer()));
    expect(picture.height / picture.width).toBeCloseTo(4 / 3, 2);
  });
});
