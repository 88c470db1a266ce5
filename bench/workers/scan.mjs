/**
 * PixDrop's scan path, as the engine runs it, on one folder: walk + enqueue (enqueuePaths), then
 * the engine's own scheduler hashing every job (streamed SHA-1, content check, EXIF, sidecar,
 * written to the library, a job view built per change as for the UI) with uploads held back.
 * Args: <engine bundle> <folder> <data dir>
 */
const [bundle, folder, dataDir] = process.argv.slice(2);
const engine = await import(bundle);

const db = engine.openLibrary(dataDir);
let events = 0;
let failedShown = 0;
const ctx = {
  db,
  clock: { now: () => Date.now() },
  config: { concurrency: 3 },
  logger: { info() {}, warn() {}, error: (m) => console.error(m) },
  emit: () => (events += 1),
  inFlight: new Map(),
  jobChanged(jobId) {
    const view = engine.getJobView(db, jobId, 0);
    if (view) ctx.emit({ type: 'jobsChanged', jobs: [view] });
    if (view?.status === 'failed' && ++failedShown <= 3) console.error(`job ${jobId}: ${view.errorMessage}`);
  },
};
// Uploads are held back (as while offline): only the local work is measured.
const offline = { canUpload: () => false, whenCanUpload: () => new Promise(() => {}), markOnline() {}, markOffline() {}, rateLimited() {}, authRequired() {} };

const t0 = performance.now();
const enqueued = await engine.enqueuePaths(ctx, [folder], { albumFromFolder: true });
const t1 = performance.now();

const count = (where) => db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE ${where}`).get().n;
const waitingForHash = () => count(`status = 'hashing' OR (status IN ('queued', 'waiting') AND sha1 IS NULL)`);
const scheduler = engine.createScheduler(ctx, offline);
scheduler.wake();
await new Promise((resolve) => {
  const poll = setInterval(() => {
    if (waitingForHash() === 0 && scheduler.activeCount() === 0) {
      clearInterval(poll);
      resolve();
    }
  }, 100);
});
const t2 = performance.now();
await scheduler.stop();
const hashed = count(`sha1 IS NOT NULL`);
const failedJobs = count(`status = 'failed'`);
db.close();
console.log(
  JSON.stringify({
    queued: enqueued.queued,
    problems: enqueued.problems.length,
    hashed,
    failed: failedJobs,
    events,
    enqueueMs: t1 - t0,
    hashMs: t2 - t1,
    totalMs: t2 - t0,
  }),
);
