/**
 * Library at scale: enqueue N files through the engine's own recordFound (the batched transaction
 * the scan uses, 500 per batch), then time the queries the engine runs all the time at N rows:
 * claim-next-jobs (hash and upload kinds), the status summary, and a page of the queue view.
 * Reference: the same rows written by two bare INSERTs per file into a second library of the same
 * schema (same indexes, same batches): what SQLite itself costs here, without any of our logic.
 * Args: <engine bundle> <data dir> <N>
 */
import path from 'node:path';

const [bundle, dataDir, countArg] = process.argv.slice(2);
const engine = await import(bundle);
const N = Number(countArg);
const BATCH = 500; // src/main/engine/commands/enqueue.ts

const db = engine.openLibrary(dataDir);
const ctx = { db, clock: { now: () => Date.now() } };
const root = '/photos/Wedding 2024';
const fileAt = (i) => ({
  path: `${root}/roll-${Math.floor(i / 1000)}/IMG_${String(i).padStart(6, '0')}.CR3`,
  root,
  relativePath: `roll-${Math.floor(i / 1000)}/IMG_${String(i).padStart(6, '0')}.CR3`,
  size: 25_000_000 + i,
  mtimeMs: 1_700_000_000_000 + i,
});

function enqueueAll() {
  const result = engine.emptyResult();
  const t0 = performance.now();
  for (let start = 0; start < N; start += BATCH) {
    const batch = [];
    for (let i = start; i < Math.min(N, start + BATCH); i += 1) batch.push(fileAt(i));
    engine.recordFound(ctx, batch, { albumFromFolder: true }, result);
  }
  return { ms: performance.now() - t0, queued: result.queued };
}

/** Median and p95 of `fn` over `times` calls, ms. */
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

const plan = (sql, ...params) =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...params)
    .map((r) => r.detail)
    .join('; ');

/** The reference: bare INSERTs of the same rows, same schema, same batches, in a library of its own. */
function bareInserts() {
  const bare = engine.openLibrary(`${dataDir}-reference`);
  const file = bare.prepare('INSERT INTO files (path, root, relative_path, size, mtime_ms, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const job = bare.prepare(
    `INSERT INTO jobs (file_id, album_key, album_id, album_name, status, bytes_total, created_at, updated_at) VALUES (?, ?, NULL, ?, 'queued', ?, ?, ?)`,
  );
  const album = path.basename(root);
  const now = Date.now();
  const t0 = performance.now();
  for (let start = 0; start < N; start += BATCH) {
    bare.transaction(() => {
      for (let i = start; i < Math.min(N, start + BATCH); i += 1) {
        const f = fileAt(i);
        const id = file.run(f.path, f.root, f.relativePath, f.size, Math.floor(f.mtimeMs), now, now).lastInsertRowid;
        job.run(id, `name:${album}`, album, f.size, now, now);
      }
    })();
  }
  const ms = performance.now() - t0;
  bare.close();
  return { ms, filesPerSecond: N / (ms / 1000) };
}

const reference = bareInserts();
const first = enqueueAll();
const again = enqueueAll(); // a rescan of the same folder: every file known, unchanged
const now = Date.now();
const out = {
  n: N,
  reference,
  enqueue: { ms: first.ms, filesPerSecond: N / (first.ms / 1000), queued: first.queued },
  rescan: { ms: again.ms, filesPerSecond: N / (again.ms / 1000) },
};

// Fresh queue: nothing hashed. The hash claim finds work at once; the upload claim finds none (worst case).
out.claimHash = latency(200, () => engine.claimNextJobs(db, 'hash', 2, now));
out.claimUploadNoneReady = latency(50, () => engine.claimNextJobs(db, 'upload', 3, now));
out.statusSummary = latency(50, () => engine.countByStatus(db));
out.firstPage = latency(50, () => engine.listJobViews(db, { filter: 'all', limit: 200, offset: 0 }, () => 0));
out.deepPage = latency(20, () => engine.listJobViews(db, { filter: 'all', limit: 200, offset: Math.max(0, N - 200) }, () => 0));
// Everything hashed: the upload claim is what the scheduler runs on every wake-up.
db.prepare(`UPDATE jobs SET sha1 = printf('%040d', id), status = 'queued'`).run();
out.claimUpload = latency(200, () => engine.claimNextJobs(db, 'upload', 3, now));
out.plans = {
  claimHash: plan(engine.CLAIM_SQL.hash, 0, 2),
  statusSummary: plan(`SELECT status, COUNT(*) AS n, SUM(bytes_total) AS total FROM jobs GROUP BY status`),
  deepPage: plan(`SELECT j.*, f.path FROM jobs j JOIN files f ON f.id = j.file_id WHERE 1 = 1 ORDER BY j.id LIMIT 200 OFFSET 99800`),
};
db.close();
console.log(JSON.stringify(out));
