/**
 * The engine's memory with a big queue: createEngine (as every host does, with an event listener
 * attached like a UI), enqueue a folder, then report resident memory (after a full GC) and the peak.
 * The scheduler is not started, so the files stay queued. Args: <engine bundle> <folder>
 * Environment: the PIXDROP_* / CLOUDINARY_URL variables of the local stack.
 */
import { mkdirSync, readFileSync } from 'node:fs';

const [bundle, folder] = process.argv.slice(2);
const engine = await import(bundle);
const quiet = { error() {}, warn() {}, info() {}, debug() {}, child: () => quiet };

const peak = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
const settledRss = () => {
  globalThis.gc?.();
  return process.memoryUsage().rss;
};

const config = engine.resolveConfig({ env: process.env });
mkdirSync(config.dataDir, { recursive: true });
const pixdrop = await engine.createEngine({ config, logger: quiet, startServices: engine.demoServicesFor(config, quiet) });
let events = 0;
pixdrop.onEvent(() => (events += 1));
const before = settledRss();
const t0 = performance.now();
const result = await pixdrop.enqueuePaths([folder], { albumFromFolder: true });
const enqueueMs = performance.now() - t0;
const status = await pixdrop.getStatus();
const after = settledRss();
const { heapUsed, external, arrayBuffers } = process.memoryUsage();
await pixdrop.stop();
console.log(
  JSON.stringify({
    queued: result.queued,
    total: status.ok ? status.value.queue.total : null,
    enqueueMs,
    rssBefore: before,
    rssAfter: after,
    peakRss: peak(),
    heapUsed,
    external,
    arrayBuffers,
    events,
  }),
);
