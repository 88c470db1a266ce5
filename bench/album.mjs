/**
 * Album check: what asking an album before sending costs and saves. A folder of N distinct photos
 * goes, from a fresh library, into an album that already holds all N (a second computer, a
 * reinstall): asked first (the engine's behaviour) against the blind re-upload (config
 * askAlbumFirst: false, the behaviour before). The same two runs with photos new to an empty album
 * (BENCH_ALBUM_NEW of them) show what the questions cost when every photo is new. The backend keeps duplicates (contract §4: clients must not
 * rely on deduplication). Also measured: one listing page of 1000 records against one `?public_id=`
 * question, the ratio behind PAGE_COST in src/main/engine/pipeline/album-contents.ts.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir } from './lib/paths.mjs';
import { runNode } from './lib/proc.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

const worker = new URL('./workers/album-run.mjs', import.meta.url).pathname;

/** `count` small distinct JPEGs: a real camera JPEG with a comment segment naming its number. */
function writePhotos(folder, count, first = 0) {
  const base = readFileSync(path.join(fixturesDir, 'cameras/hasselblad-l1d-20c.jpg')); // 52 KB
  mkdirSync(folder, { recursive: true });
  const sha1s = [];
  for (let i = first; i < first + count; i += 1) {
    const text = Buffer.from(`pixdrop album bench photo ${i}`);
    const comment = Buffer.alloc(4);
    comment.writeUInt16BE(0xfffe, 0);
    comment.writeUInt16BE(text.length + 2, 2);
    const bytes = Buffer.concat([base.subarray(0, 2), comment, text, base.subarray(2)]);
    writeFileSync(path.join(folder, `IMG_${String(i + 1).padStart(5, '0')}.jpg`), bytes);
    sha1s.push(createHash('sha1').update(bytes).digest('hex'));
  }
  return { sha1s, bytes: base.length };
}

/** An upload answer shaped like the local Cloudinary server's, so listing pages weigh what real ones do. */
function uploadAnswer(sha1, i) {
  const publicId = `pixdrop/${sha1}`;
  const url = `http://127.0.0.1:9/pixdrop-bench/image/authenticated/v1736942400/${publicId}.jpg`;
  return {
    asset_id: sha1.slice(0, 32),
    public_id: publicId,
    version: 1736942400,
    signature: sha1,
    width: 6000,
    height: 4000,
    format: 'jpg',
    resource_type: 'image',
    created_at: '2025-01-15T12:00:00Z',
    tags: ['album'],
    bytes: 5_000_000 + i,
    type: 'authenticated',
    etag: sha1.slice(0, 32),
    url,
    secure_url: url,
    original_filename: `IMG_${i}`,
    image_metadata: { Make: 'Canon', Model: 'Canon EOS 1300D', DateTimeOriginal: '2024:06:01 10:20:30', ISOSpeedRatings: '200', FNumber: '5.6' },
    colors: [
      ['#EBF1F9', 13.2],
      ['#D9E5F5', 8.8],
      ['#2C3E50', 4.1],
    ],
    faces: [],
    phash: 'd8c926d5c28b6c67',
  };
}

async function timeEach(times, fn) {
  const ms = [];
  for (let i = 0; i < times; i += 1) {
    const t0 = performance.now();
    await fn(i);
    ms.push(performance.now() - t0);
  }
  ms.sort((a, b) => a - b);
  return ms[Math.floor(ms.length / 2)];
}

/** Median wall time of one listing page of 1000 records and of one filtered question. */
async function pageVersusQuestion(stack, token, albumId, sha1s) {
  const get = async (query) => {
    const answer = await fetch(`${stack.backend.url}/api/v1/albums/${albumId}/images?${query}`, { headers: { authorization: `Token token="${token}"` } });
    await answer.arrayBuffer();
  };
  await get('per_page=1000'); // warm up
  const pageMs = await timeEach(7, (i) => get(`page=${(i % Math.max(1, Math.floor(sha1s.length / 1000))) + 1}&per_page=1000`));
  const questionMs = await timeEach(100, (i) => get(`public_id=${encodeURIComponent(`pixdrop/${sha1s[(i * 37) % sha1s.length]}`)}`));
  return { pageMs, questionMs, ratio: pageMs / questionMs };
}

async function run(stack, o, scenario) {
  const before = { backend: stack.backend.stats(), cloudinary: stack.cloudinary.stats() };
  const env = stack.envFor(path.join(o.dir, `data-${scenario.name}`), { PIXDROP_CONCURRENCY: String(o.concurrency) });
  const result = await runNode(worker, [o.bundle, scenario.folder, scenario.album, scenario.mode], { env, timeoutMs: 900_000 });
  const out = JSON.parse(result.stdout.trim().split('\n').at(-1));
  const after = { backend: stack.backend.stats(), cloudinary: stack.cloudinary.stats() };
  const requests = after.backend.requests - before.backend.requests;
  const row = {
    ...scenario,
    wallMs: out.wallMs,
    backendRequests: requests,
    requestsPerPhoto: requests / scenario.photos,
    posts: after.backend.imagePosts - before.backend.imagePosts,
    deletes: after.backend.imageDeletes - before.backend.imageDeletes,
    cloudinaryRequests: after.cloudinary.requests - before.cloudinary.requests,
    bytesSent: after.cloudinary.bytesReceived - before.cloudinary.bytesReceived,
    records: stack.backend.listImages(scenario.album).length,
    byStatus: out.byStatus,
  };
  o.log(
    `  ${scenario.name}: ${(row.wallMs / 1000).toFixed(1)} s, ${requests} backend requests (${row.requestsPerPhoto.toFixed(3)} per photo), ${row.posts} POSTs, ${row.bytesSent} bytes to Cloudinary, ${row.records} records after`,
  );
  return row;
}

export async function benchAlbum(engine, o) {
  const dir = tempDir('pixdrop-bench-album-');
  const stack = await startStack(engine);
  try {
    stack.backend.setFaults({ duplicates: true });
    const folder = path.join(dir, 'Album bench');
    const { sha1s, bytes } = writePhotos(folder, o.photos);
    const albums = { full: 'bench-album-full', fullBlind: 'bench-album-full-blind', empty: 'bench-album-empty', emptyBlind: 'bench-album-empty-blind' };
    await stack.backend.issueToken({ userId: 'photographer-1', albumIds: Object.values(albums) });
    for (const album of [albums.full, albums.fullBlind]) sha1s.forEach((sha1, i) => stack.backend.addImage(album, uploadAnswer(sha1, i), { sha1 }));
    const token = stack.envFor(dir).PIXDROP_API_TOKEN;
    const cost = await pageVersusQuestion(stack, token, albums.full, sha1s);
    o.log(
      `  one page of 1000 records ${cost.pageMs.toFixed(1)} ms, one ?public_id= question ${cost.questionMs.toFixed(2)} ms: a page costs ${cost.ratio.toFixed(1)} questions`,
    );
    const ctx = { ...o, dir };
    const fresh = path.join(dir, 'New photos');
    if (o.newPhotos > 0) writePhotos(fresh, o.newPhotos, o.photos);
    const scenarios = [
      { name: 'album has them, ask first', album: albums.full, mode: 'ask-first', folder, photos: o.photos },
      { name: 'album has them, blind re-upload', album: albums.fullBlind, mode: 'blind', folder, photos: o.photos },
      ...(o.newPhotos > 0
        ? [
            { name: 'new photos, ask first', album: albums.empty, mode: 'ask-first', folder: fresh, photos: o.newPhotos },
            { name: 'new photos, blind', album: albums.emptyBlind, mode: 'blind', folder: fresh, photos: o.newPhotos },
          ]
        : []),
    ];
    const rows = [];
    for (const scenario of scenarios) rows.push(await run(stack, ctx, scenario));
    return { photos: o.photos, newPhotos: o.newPhotos, photoBytes: bytes, concurrency: o.concurrency, cost, rows };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
