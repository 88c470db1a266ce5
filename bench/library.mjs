/**
 * Library: enqueue rate (next to bare INSERTs of the same rows) and query latency at N rows, and
 * the engine's memory growth from a small to a big queue.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { workersDir } from './lib/paths.mjs';
import { linkFarm } from './lib/photos.mjs';
import { lastJson, runNode } from './lib/proc.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

async function libraryRun(bundle, n) {
  const dir = tempDir('pixdrop-bench-library-');
  try {
    const result = await runNode(path.join(workersDir, 'library.mjs'), [bundle, path.join(dir, 'data'), String(n)], { timeoutMs: 600_000 });
    return { ...lastJson(result.stdout), peakRss: result.peakRss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** A library of N registered photos plus a new shoot of 1,000 (bench/workers/season-library.mjs). */
async function seasonLibraryRun(bundle, n) {
  const dir = tempDir('pixdrop-bench-season-library-');
  try {
    const result = await runNode(path.join(workersDir, 'season-library.mjs'), [bundle, path.join(dir, 'data'), String(n)], { timeoutMs: 1_800_000 });
    return { ...lastJson(result.stdout), peakRss: result.peakRss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLibrary(bundle, o) {
  const shipped = await libraryRun(bundle, o.rows);
  o.log(
    `  library: enqueue ${Math.round(shipped.enqueue.filesPerSecond)} files/s (bare INSERTs ${Math.round(shipped.reference.filesPerSecond)}), claim ${shipped.claimHash.median.toFixed(2)} ms, summary ${shipped.statusSummary.median.toFixed(2)} ms`,
  );
  const seasons = [];
  for (const n of o.seasonRows) {
    const s = await seasonLibraryRun(bundle, n);
    seasons.push(s);
    o.log(
      `  library of ${n} registered photos: ${(s.bytesPerPhoto / 1000).toFixed(2)} KB/photo, open ${s.open.median.toFixed(0)} ms, claim hash ${s.claimHash.median.toFixed(2)} ms, claim upload ${s.claimUpload.median.toFixed(2)} ms, summary ${s.summary.median.toFixed(1)} ms`,
    );
  }
  return { rows: o.rows, shipped, seasons };
}

export async function benchEngineMemory(engine, bundle, o) {
  const dir = tempDir('pixdrop-bench-memory-');
  const stack = await startStack(engine);
  try {
    const runs = [];
    const folders = {};
    for (const n of [o.small, o.large]) {
      folders[n] ??= linkFarm(path.join(dir, `farm-${n}`), n);
      const folder = folders[n];
      const env = stack.envFor(path.join(dir, `data-${n}`));
      const result = await runNode(path.join(workersDir, 'engine-memory.mjs'), [bundle, folder], { env, nodeArgs: ['--expose-gc'], timeoutMs: 600_000 });
      const report = lastJson(result.stdout);
      if (report.queued !== n) throw new Error(`engine memory: queued ${report.queued} of ${n}`);
      runs.push({ n, ...report, sampledPeakRss: result.peakRss });
      o.log(`  engine memory: ${n} queued → RSS ${(report.rssAfter / 1e6).toFixed(1)} MB after GC, peak ${(report.peakRss / 1e6).toFixed(1)} MB`);
    }
    const [small, large] = runs;
    return { small, large, growthPeak: large.peakRss - small.peakRss, growthSettled: large.rssAfter - small.rssAfter };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
