/**
 * PixDrop's scan path, as the engine runs it, on one folder: walk + enqueue (enqueuePaths), then
 * the hashing step (runHashStep: streamed SHA-1, content check, EXIF, sidecar, written to the
 * library) in the photo-reader threads, with as many slots as the scheduler fills.
 * Args: <engine bundle> <folder> <data dir> <out/inspect-worker.cjs>
 */
const [bundle, folder, dataDir, workerScript] = process.argv.slice(2);
const engine = await import(bundle);

const db = engine.openLibrary(dataDir);
// The photo-reader threads the CLI starts (out/inspect-worker.cjs), as many slots as the scheduler fills.
const inspector = engine.inspectorFor(workerScript);
const ctx = { db, clock: { now: () => Date.now() }, inspector };

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
await Promise.all(Array.from({ length: inspector.slots }, slot));
const t2 = performance.now();
await inspector.close();
db.close();
console.log(JSON.stringify({ queued: enqueued.queued, problems: enqueued.problems.length, hashed, failed, enqueueMs: t1 - t0, hashMs: t2 - t1, totalMs: t2 - t0 }));
