/**
 * A library after seasons of use: N registered photos (synthetic rows as a done photo keeps them:
 * packed metadatas, no Cloudinary answer) plus a fresh folder of QUEUED new photos, in the engine's
 * own schema. Times what a start and a running engine do with it: open (openLibrary: migrations
 * check, quick_check, WAL), claim the next jobs (hash and upload), summarise the queue (the status
 * line's countByStatus), and the file size per photo.
 * Args: <engine bundle> <data dir> <N>
 */
import { statSync } from 'node:fs';
import path from 'node:path';

const [bundle, dataDir, countArg] = process.argv.slice(2);
const engine = await import(bundle);
const N = Number(countArg);
const QUEUED = 1000;
const BATCH = 10_000;
// What a registered photo's files row keeps (the five column facts left out): a camera JPEG's.
const METADATAS = JSON.stringify({
  camera_make: 'Canon',
  camera_model: 'Canon EOS R5',
  lens: 'RF24-70mm F2.8 L IS USM',
  taken_at: '2024-06-01T10:20:30',
  iso: '400',
  aperture: '5.6',
  shutter_speed: '1/250',
  focal_length: '50',
  width: '8192',
  height: '5464',
  orientation: '1',
  gps_lat: '48.8584',
  gps_lon: '2.2945',
});

function build() {
  const db = engine.openLibrary(dataDir);
  const file = db.prepare(
    `INSERT INTO files (path, root, relative_path, size, mtime_ms, sha1, mime_type, metadatas, created_at, updated_at)
     VALUES (@path, @root, @rel, @size, @mtime, @sha1, 'image/jpeg', @metadatas, @now, @now)`,
  );
  const job = db.prepare(
    `INSERT INTO jobs (file_id, album_key, album_id, album_name, status, sha1, public_id, bytes_total, bytes_confirmed, register_attempts, image_id, created_at, updated_at)
     VALUES (@fileId, @albumKey, @albumId, @album, @status, @sha1, @publicId, @size, @confirmed, @attempts, @imageId, @now, @now)`,
  );
  const now = Date.now();
  const t0 = performance.now();
  const total = N + QUEUED;
  for (let start = 0; start < total; start += BATCH) {
    db.transaction(() => {
      for (let i = start; i < Math.min(total, start + BATCH); i += 1) {
        const done = i < N;
        const roll = done ? `season-${Math.floor(i / 10_000)}` : 'new-shoot';
        const rel = `${roll}/IMG_${String(i).padStart(7, '0')}.jpg`;
        const read = done || i % 2 === 0; // half of the new shoot still to be read, half ready to upload
        const sha1 = read ? i.toString(16).padStart(40, '0') : null;
        const size = 3_000_000 + (i % 5000);
        const fileId = file.run({
          path: `/photos/${rel}`,
          root: '/photos',
          rel,
          size,
          mtime: 1_700_000_000_000 + i,
          sha1,
          metadatas: METADATAS,
          now,
        }).lastInsertRowid;
        job.run({
          fileId,
          albumKey: `name:${roll}`,
          albumId: done ? `album-${roll}` : null,
          album: roll,
          status: done ? 'done' : 'queued',
          sha1,
          publicId: sha1 ? `pixdrop/${sha1}` : null,
          size,
          confirmed: done ? size : 0,
          attempts: done ? 1 : 0,
          imageId: done ? `img-${i}` : null,
          now,
        });
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
  return performance.now() - t0;
}

function latency(times, fn) {
  const samples = [];
  for (let i = 0; i < times; i += 1) {
    const t = performance.now();
    fn(i);
    samples.push(performance.now() - t);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], p95: samples[Math.floor(samples.length * 0.95)], max: samples.at(-1) };
}

const buildMs = build();
const bytes = statSync(path.join(dataDir, 'library.sqlite')).size;
const open = latency(3, () => engine.openLibrary(dataDir).close());
const db = engine.openLibrary(dataDir);
const now = Date.now();
const out = {
  n: N,
  queued: QUEUED,
  buildMs,
  bytes,
  bytesPerPhoto: bytes / (N + QUEUED),
  open,
  // Fresh photos waiting to be read, among N done: the scheduler's claims on every wake-up.
  claimHash: latency(100, () => engine.claimNextJobs(db, 'hash', 2, now)),
  claimUpload: latency(100, () => engine.claimNextJobs(db, 'upload', 3, now)),
  summary: latency(20, () => engine.countByStatus(db)),
};
db.close();
console.log(JSON.stringify(out));
