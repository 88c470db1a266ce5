/**
 * PixDrop's scan path, as the engine runs it, on one folder: walk + enqueue (enqueuePaths), then
 * the hashing step (runHashStep: streamed SHA-1, content check, EXIF, sidecar, written to the
 * library) with the scheduler's two hashing slots. Args: <engine bundle> <folder> <data dir>
 */
const [bundle, folder, dataDir] = process.argv.slice(2);
const engine = await import(bundle);

const HASH_SLOTS = 4; // src/main/engine/queue/scheduler.ts HASH_CONCURRENCY
const db = engine.openLibrary(dataDir);
const ctx = { db, clock: { now: () => Date.now() } };

const t0 = performance.now();
const enqueued = await engine.enqueuePaths(ctx, [folder], { albumFromFolder: true });
const t1 = performance.now();

let hashed = 0;
let failed = 0;
async function slot() {
  for (;;) {
    const [job] = engine.claimNextJobs(db, 'hash', 1, Date.now());
    if (!job) return;
    try {
      await engine.runHashStep(ctx, job, new AbortController().signal);
      hashed += 1;
    } catch (error) {
      failed += 1;
      if (failed <= 3) console.error(`job ${job.id}: ${error.message}`);
    }
  }
}
await Promise.all(Array.from({ length: HASH_SLOTS }, slot));
const t2 = performance.now();
db.close();
console.log(JSON.stringify({ queued: enqueued.queued, problems: enqueued.problems.length, hashed, failed, enqueueMs: t1 - t0, hashMs: t2 - t1, totalMs: t2 - t0 }));
