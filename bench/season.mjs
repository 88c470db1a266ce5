/**
 * A season of small photos end to end: `pixdrop upload --album-from-folder --json` of N distinct
 * small JPEGs (bench/lib/photos.mjs smallPhotoTree, 1,000 a folder) against the local servers
 * running in a process of their own (bench/workers/demo-stack.mjs), so the engine's and the
 * servers' resident memory are read apart at 1k, 10k, 50k, 100k processed photos; files/s and
 * backend requests per photo. Then, on the same tree: a rescan of the unchanged tree (stat only),
 * `pixdrop watch` (start-up until its scan is done, RSS while idle, against a watch of an empty
 * folder), and CLI start-up to the first byte at the server (one new photo, fresh library).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { cliPath, workersDir } from './lib/paths.mjs';
import { smallPhotoTree } from './lib/photos.mjs';
import { tempDir } from './lib/stack.mjs';

const MARKS = [1000, 10_000, 50_000, 100_000];

const rssOf = (pid) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return null;
  }
};

/** Bytes of a SQLite file with its WAL (what it takes on disk now), null if absent. */
const sqliteBytes = (file) => (existsSync(file) ? [file, `${file}-wal`].reduce((sum, f) => sum + (existsSync(f) ? statSync(f).size : 0), 0) : null);

/** Bytes of every file in a folder (not below it). */
const folderBytes = (dir) => (existsSync(dir) ? readdirSync(dir).reduce((sum, name) => sum + statSync(path.join(dir, name)).size, 0) : null);

/**
 * What a season leaves on disk, per processed photo: the engine's library, the album backend's
 * database, the local Cloudinary's index, and its stored assets (the photos themselves).
 */
function diskPerPhoto(dataDir, stackDir, photos) {
  const per = (bytes) => (bytes == null ? null : bytes / photos);
  return {
    library: per(sqliteBytes(path.join(dataDir, 'library.sqlite'))),
    albums: per(sqliteBytes(path.join(stackDir, 'albums.sqlite'))),
    cloudinaryIndex: per(sqliteBytes(path.join(stackDir, 'cloudinary', 'index.sqlite'))),
    cloudinaryAssets: per(folderBytes(path.join(stackDir, 'cloudinary', 'assets'))),
  };
}

/** The demo stack in its own process; stats() asks it for its counters. */
async function startStackProcess(bundle, dir) {
  const child = spawn(process.execPath, [path.join(workersDir, 'demo-stack.mjs'), bundle, dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const waiting = [];
  lines.on('line', (line) => waiting.shift()?.(JSON.parse(line)));
  const next = () => new Promise((resolve) => waiting.push(resolve));
  const info = await next();
  return {
    ...info,
    pid: child.pid,
    stats() {
      const answer = next();
      child.stdin.write('stats\n');
      return answer;
    },
    close: () => new Promise((resolve) => child.once('exit', resolve).stdin.end()),
  };
}

/** The process's peak resident memory so far (VmHWM), null once it is gone. */
const peakRssOf = (pid) => {
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) * 1024;
  } catch {
    return null;
  }
};

/**
 * Runs the CLI; onEvent gets every NDJSON event. Resolves { code, wallMs, startedAt, peakRss }: peakRss is the
 * highest VmHWM read (every 200 ms), so a spike between the marks (the run's own start or end) is seen too.
 */
function runCli(args, env, onEvent = () => {}) {
  const startedAt = Date.now();
  const child = spawn(process.execPath, [cliPath, ...args], { env: { ...env, FORCE_COLOR: '0' }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let peakRss = null;
  const sampler = setInterval(() => (peakRss = peakRssOf(child.pid) ?? peakRss), 200);
  child.stderr.on('data', (d) => (stderr += d));
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (line.startsWith('{')) onEvent(JSON.parse(line), child);
  });
  const done = new Promise((resolve) =>
    child.on('close', (code) => {
      clearInterval(sampler);
      resolve({ code, wallMs: Date.now() - startedAt, startedAt, peakRss, stderr: stderr.slice(-2000) });
    }),
  );
  return { child, done };
}

async function endToEnd(stack, tree, env, photos, log) {
  const marks = MARKS.filter((m) => m <= photos);
  if (!marks.includes(photos)) marks.push(photos);
  const seen = [];
  let processed = 0;
  const run = runCli(['upload', tree, '--album-from-folder', '--json'], env, (event, child) => {
    if (event.type !== 'file-uploaded' && event.type !== 'file-skipped') return;
    processed += 1;
    if (processed === marks[seen.length]) {
      const point = { processed, seconds: (Date.now() - run.startedAt) / 1000, engineRss: rssOf(child.pid), stackRss: rssOf(stack.pid) };
      seen.push(point);
      log(
        `  season: ${processed} photos at ${point.seconds.toFixed(1)} s, engine RSS ${(point.engineRss / 1e6).toFixed(1)} MB, servers ${(point.stackRss / 1e6).toFixed(1)} MB`,
      );
    }
  });
  run.startedAt = Date.now();
  const result = await run.done;
  if (result.code !== 0) throw new Error(`pixdrop upload exited with ${result.code}: ${result.stderr}`);
  const stats = await stack.stats();
  return {
    processed,
    wallMs: result.wallMs,
    peakRss: result.peakRss,
    marks: seen,
    stats,
    firstByteMs: stats.firstUploadAt ? stats.firstUploadAt - result.startedAt : null,
  };
}

/** `pixdrop watch` until it watches, then RSS sampled for idleMs; stopped with SIGINT. */
async function watchRun(folder, env, idleMs) {
  let scannedAt = null;
  const samples = [];
  const run = runCli(['watch', folder, '--album-from-folder', '--json'], env, (event, child) => {
    // `watch` says "watching <folder>" once its folders are walked and watched.
    if (!(event.type === 'notice' && String(event.message).startsWith('watching ')) || scannedAt !== null) return;
    scannedAt = Date.now();
    const timer = setInterval(() => samples.push(rssOf(child.pid)), 250);
    setTimeout(() => {
      clearInterval(timer);
      child.kill('SIGINT');
    }, idleMs);
  });
  const startedAt = Date.now();
  // A watch that never reports its scan done is stopped too (its start-up is then reported as n/a).
  const guard = setTimeout(() => run.child.kill('SIGINT'), 120_000);
  await run.done;
  clearTimeout(guard);
  const valid = samples.filter((s) => s !== null);
  return { startMs: scannedAt ? scannedAt - startedAt : null, idleRssMax: Math.max(...valid), idleRssLast: valid.at(-1) ?? null };
}

export async function benchSeason(bundle, o) {
  const dir = tempDir('pixdrop-bench-season-');
  const stack = await startStackProcess(bundle, path.join(dir, 'stack'));
  try {
    const t0 = Date.now();
    const { root, bytes } = smallPhotoTree(dir, o.photos, 1000);
    o.log(`  season: ${o.photos} photos (${(bytes / 1e6).toFixed(0)} MB) written in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
    const env = {
      ...process.env,
      CLOUDINARY_URL: stack.cloudinaryUrl,
      PIXDROP_API_URL: stack.backendUrl,
      PIXDROP_API_TOKEN: stack.token,
      PIXDROP_DATA_DIR: path.join(dir, 'data'),
      PIXDROP_LOG_LEVEL: 'warn',
    };
    const run = await endToEnd(stack, root, env, o.photos, o.log);
    const perPhoto = (n) => n / run.processed;
    const e2e = {
      ...run,
      filesPerSecond: run.processed / (run.wallMs / 1000),
      cloudinaryRequestsPerPhoto: perPhoto(run.stats.cloudinary.requests),
      backendRequestsPerPhoto: perPhoto(run.stats.backend.requests),
    };
    o.log(
      `  season: ${run.processed} photos in ${(run.wallMs / 1000).toFixed(1)} s = ${e2e.filesPerSecond.toFixed(0)} files/s; per photo ${e2e.cloudinaryRequestsPerPhoto.toFixed(2)} Cloudinary + ${e2e.backendRequestsPerPhoto.toFixed(2)} backend requests; engine peak RSS ${(run.peakRss / 1e6).toFixed(1)} MB`,
    );

    const disk = diskPerPhoto(env.PIXDROP_DATA_DIR, path.join(dir, 'stack'), run.processed);
    const kb = (b) => (b == null ? 'n/a' : `${(b / 1000).toFixed(2)} KB`);
    o.log(
      `  on disk per photo: library ${kb(disk.library)}, album backend ${kb(disk.albums)}, local Cloudinary index ${kb(disk.cloudinaryIndex)} (+ the photo, ${kb(disk.cloudinaryAssets)})`,
    );

    const rescan = await runCli(['upload', root, '--album-from-folder', '--json'], env).done;
    const rescanStats = await stack.stats();
    o.log(
      `  rescan of the unchanged tree: ${(rescan.wallMs / 1000).toFixed(2)} s, peak RSS ${(rescan.peakRss / 1e6).toFixed(1)} MB, ${rescanStats.cloudinary.requests - run.stats.cloudinary.requests} Cloudinary and ${rescanStats.backend.requests - run.stats.backend.requests} backend requests`,
    );

    const empty = path.join(dir, 'empty');
    mkdirSync(empty);
    const idle = await watchRun(empty, env, o.idleMs);
    const watch = await watchRun(root, env, o.idleMs);
    o.log(
      `  watch of ${o.photos} photos: watching after ${(watch.startMs / 1000).toFixed(2)} s, idle RSS ${(watch.idleRssLast / 1e6).toFixed(1)} MB (max ${(watch.idleRssMax / 1e6).toFixed(1)}); an empty folder: ${(idle.idleRssLast / 1e6).toFixed(1)} MB`,
    );

    // Start-up to first byte: one new photo, a library of its own. New to the album too: a copy of
    // the season's first photo would be found there and skipped, and no byte would be sent at all.
    const one = smallPhotoTree(path.join(dir, 'one'), 1, 1, o.photos).root;
    await stack.stats(); // resets the first-upload mark
    const first = await runCli(['upload', one, '--album-from-folder', '--json'], { ...env, PIXDROP_DATA_DIR: path.join(dir, 'data-one') }).done;
    const firstStats = await stack.stats();
    const firstByteMs = firstStats.firstUploadAt ? firstStats.firstUploadAt - first.startedAt : null;
    o.log(`  CLI start-up to first byte at the server: ${firstByteMs} ms (whole run ${first.wallMs} ms)`);
    return { photos: o.photos, bytes, e2e, disk, rescan: { wallMs: rescan.wallMs, code: rescan.code, peakRss: rescan.peakRss }, watch, idle, firstByteMs };
  } finally {
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function diskLine(disk) {
  if (!disk) return '';
  const kb = (b) => (b == null ? 'n/a' : `${(b / 1000).toFixed(2)} KB`);
  return `On disk per photo after the run: library.sqlite ${kb(disk.library)}; demo album backend albums.sqlite ${kb(disk.albums)}, local Cloudinary index ${kb(disk.cloudinaryIndex)} (its stored photos ${kb(disk.cloudinaryAssets)}).`;
}

/** The BENCHMARKS.md part of this section. */
export function seasonSection(s) {
  if (!s) return '';
  const mbf = (b) => (b == null ? 'n/a' : `${(b / 1e6).toFixed(1)} MB`);
  const rows = s.e2e.marks
    .map((m) => `| ${m.processed.toLocaleString('en-US')} | ${m.seconds.toFixed(1)} s | ${mbf(m.engineRss)} | ${mbf(m.stackRss)} |`)
    .join('\n');
  return `## Season

${s.photos.toLocaleString('en-US')} distinct small photos (${mbf(s.bytes)}) through \`pixdrop upload --album-from-folder --json\`, the local servers in a
process of their own (bench/workers/demo-stack.mjs), RSS of each read when that many photos were processed.

| Processed | Time | Engine RSS | Servers RSS |
| --- | --- | --- | --- |
${rows}

${s.e2e.filesPerSecond.toFixed(0)} files/s; per photo ${s.e2e.cloudinaryRequestsPerPhoto.toFixed(2)} Cloudinary and ${s.e2e.backendRequestsPerPhoto.toFixed(2)} backend requests.
${diskLine(s.disk)}
Engine peak RSS over the whole run ${mbf(s.e2e.peakRss)}. Rescan of the unchanged tree: ${(s.rescan.wallMs / 1000).toFixed(2)} s (peak RSS ${mbf(s.rescan.peakRss)}). \`pixdrop watch\` of the tree: scan done after ${(s.watch.startMs / 1000).toFixed(2)} s, idle RSS
${mbf(s.watch.idleRssLast)} (an empty folder: ${mbf(s.idle.idleRssLast)}). CLI start-up to the first byte at the server: ${s.firstByteMs} ms.
`;
}
