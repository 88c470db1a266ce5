/**
 * Library: enqueue rate and query latency at N rows (as the engine ships, and with the proposed
 * fixes applied from outside), and the engine's memory growth from a small to a big queue.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { workersDir } from './lib/paths.mjs';
import { linkFarm } from './lib/photos.mjs';
import { lastJson, runNode } from './lib/proc.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

async function libraryRun(bundle, n, proposed) {
  const dir = tempDir('pixdrop-bench-library-');
  try {
    const env = { ...process.env, BENCH_LIBRARY_PROPOSED: proposed ? '1' : '0' };
    const result = await runNode(path.join(workersDir, 'library.mjs'), [bundle, path.join(dir, 'data'), String(n)], { env, timeoutMs: 600_000 });
    return { ...lastJson(result.stdout), peakRss: result.peakRss };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLibrary(bundle, o) {
  const shipped = await libraryRun(bundle, o.rows, false);
  o.log(`  library: enqueue ${Math.round(shipped.enqueue.filesPerSecond)} files/s, claim ${shipped.claimHash.median.toFixed(2)} ms, summary ${shipped.statusSummary.median.toFixed(2)} ms`);
  const proposed = await libraryRun(bundle, o.rows, true);
  o.log(`  library (proposed fixes): enqueue ${Math.round(proposed.enqueue.filesPerSecond)} files/s, claim ${proposed.claimHash.median.toFixed(2)} ms`);
  return { rows: o.rows, shipped, proposed };
}

export async function benchEngineMemory(engine, bundle, o) {
  const dir = tempDir('pixdrop-bench-memory-');
  const stack = await startStack(engine);
  try {
    const runs = [];
    const folders = {};
    for (const [n, proposed] of [[o.small, false], [o.large, false], [o.small, true], [o.large, true]]) {
      folders[n] ??= linkFarm(path.join(dir, `farm-${n}`), n);
      const folder = folders[n];
      const env = stack.envFor(path.join(dir, `data-${n}-${proposed}`), { BENCH_LIBRARY_PROPOSED: proposed ? '1' : '0' });
      const result = await runNode(path.join(workersDir, 'engine-memory.mjs'), [bundle, folder], { env, nodeArgs: ['--expose-gc'], timeoutMs: 600_000 });
      const report = lastJson(result.stdout);
      if (report.queued !== n) throw new Error(`engine memory: queued ${report.queued} of ${n}`);
      runs.push({ n, proposed, ...report, sampledPeakRss: result.peakRss });
      o.log(`  engine memory${proposed ? ' (statement cache)' : ''}: ${n} queued → RSS ${(report.rssAfter / 1e6).toFixed(1)} MB after GC, peak ${(report.peakRss / 1e6).toFixed(1)} MB`);
    }
    const [small, large, smallFixed, largeFixed] = runs;
    return {
      small,
      large,
      growthPeak: large.peakRss - small.peakRss,
      growthSettled: large.rssAfter - small.rssAfter,
      proposed: { small: smallFixed, large: largeFixed, growthPeak: largeFixed.peakRss - smallFixed.peakRss, growthSettled: largeFixed.rssAfter - smallFixed.rssAfter },
    };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
