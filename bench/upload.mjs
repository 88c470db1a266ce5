/**
 * Upload: the same files through the PixDrop engine (the `pixdrop` CLI process) and through the
 * official SDK (child process, same concurrency, same chunk size), against the same local
 * Cloudinary-compatible server; and one plain POST of the same bytes to a sink (the ceiling).
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { cliPath, workersDir } from './lib/paths.mjs';
import { writeBigJpeg } from './lib/photos.mjs';
import { lastJson, runNode } from './lib/proc.mjs';
import { summarizeProfiles } from './lib/profile.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

function startSink() {
  const server = http.createServer((req, res) => {
    let received = 0;
    req.on('data', (d) => (received += d.length));
    req.on('end', () => res.end(JSON.stringify({ received })));
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}/sink`, close: () => server.close() })),
  );
}

function makePhotos(dir, o) {
  const folder = path.join(dir, 'Upload bench');
  mkdirSync(folder, { recursive: true });
  const files = [];
  for (let i = 0; i < o.smallCount; i += 1) {
    const p = path.join(folder, `IMG_${String(i).padStart(4, '0')}.jpg`);
    writeBigJpeg(p, o.smallSize, i + 1);
    files.push({ path: p, size: o.smallSize });
  }
  const big = path.join(folder, 'PANO_0001.jpg');
  writeBigJpeg(big, o.bigSize, 999);
  files.push({ path: big, size: o.bigSize });
  return { folder, files, bytes: files.reduce((n, f) => n + f.size, 0) };
}

async function runEngine(stack, set, o, round) {
  const album = `bench-upload-engine-${round}`;
  await stack.backend.issueToken({ userId: 'photographer-1', albumIds: [album] });
  const dataDir = mkdtempSync(path.join(stack.dir, 'engine-'));
  const env = stack.envFor(dataDir, { PIXDROP_CONCURRENCY: String(o.concurrency), PIXDROP_CHUNK_SIZE: String(o.chunkSize) });
  const nodeArgs = o.profileDir ? ['--cpu-prof', '--cpu-prof-dir', o.profileDir] : [];
  const result = await runNode(cliPath, ['upload', set.folder, '--album', album, '--json'], { env, nodeArgs, timeoutMs: 600_000 });
  const summary = lastJson(result.stdout);
  if (summary.type !== 'summary' || summary.failed !== 0) throw new Error(`engine upload did not finish cleanly: ${JSON.stringify(summary)}`);
  return result;
}

async function runSdk(stack, set, o, round) {
  const job = { files: set.files, concurrency: o.concurrency, chunkSize: o.chunkSize, tags: `bench-upload-sdk-${round}` };
  const env = { ...process.env, CLOUDINARY_URL: stack.cloudinaryUrl, BENCH_SDK_JOB: JSON.stringify(job) };
  return runNode(path.join(workersDir, 'sdk-upload.mjs'), [], { env, timeoutMs: 600_000 });
}

async function runRaw(sink, set) {
  return runNode(path.join(workersDir, 'raw-post.mjs'), [sink.url, ...set.files.map((f) => f.path)], { timeoutMs: 600_000 });
}

const best = (runs) => runs.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
const maxPeak = (runs) => Math.max(...runs.map((r) => r.peakRss ?? 0));

export async function benchUpload(engine, o) {
  const dir = tempDir('pixdrop-bench-upload-');
  const set = makePhotos(dir, o);
  const stack = await startStack(engine);
  const sink = await startSink();
  const runs = { raw: [], engine: [], sdk: [] };
  try {
    for (let round = 1; round <= o.rounds; round += 1) {
      // Alternate the order so neither side always runs on a warmer machine.
      const order = round % 2 ? ['raw', 'engine', 'sdk'] : ['sdk', 'engine', 'raw'];
      for (const kind of order) {
        const r = kind === 'raw' ? await runRaw(sink, set) : kind === 'engine' ? await runEngine(stack, set, o, round) : await runSdk(stack, set, o, round);
        runs[kind].push(r);
        o.log(`  upload round ${round}: ${kind} ${(r.wallMs / 1000).toFixed(2)} s, peak RSS ${((r.peakRss ?? 0) / 1e6).toFixed(1)} MB`);
      }
    }
    let profile = null;
    if (o.profileDir) {
      await runEngine(stack, set, { ...o, profileDir: o.profileDir }, 'profile');
      profile = summarizeProfiles(o.profileDir);
    }
    const summarize = (list) => ({
      wallMs: best(list).wallMs,
      peakRss: maxPeak(list),
      mbps: set.bytes / 1e6 / (best(list).wallMs / 1000),
      all: list.map((r) => r.wallMs),
    });
    return {
      files: set.files.length,
      bytes: set.bytes,
      smallSize: o.smallSize,
      bigSize: o.bigSize,
      chunkSize: o.chunkSize,
      concurrency: o.concurrency,
      rounds: o.rounds,
      raw: summarize(runs.raw),
      engine: summarize(runs.engine),
      sdk: summarize(runs.sdk),
      serverStats: stack.cloudinary.stats(),
      profile,
    };
  } finally {
    sink.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
