/**
 * `npm run bench`: builds, runs every section, prints a table and writes BENCHMARKS.md.
 *   BENCH_QUICK=1          small sizes (about a minute)
 *   BENCH_ONLY=upload,scan  run only these sections (others keep their last figures, marked with their date)
 *   BENCH_PROFILE=1        also CPU-profile the engine in the upload and scan sections (node --cpu-prof)
 *   BENCH_NO_BUILD=1       use the existing out/ build
 *   BENCH_ONLY=report      run nothing; rewrite BENCHMARKS.md from bench/.cache/results.json
 * Sizes: BENCH_UPLOAD_FILES, BENCH_UPLOAD_SMALL_MB, BENCH_UPLOAD_BIG_MB, BENCH_UPLOAD_ROUNDS, BENCH_CHUNK_MB,
 * BENCH_CONCURRENCY, BENCH_SCAN_FILES, BENCH_SCAN_ROUNDS, BENCH_LIBRARY_ROWS, BENCH_MEMORY_SMALL, BENCH_MEMORY_LARGE,
 * BENCH_RESUME_MB, BENCH_RESUME_CHUNK_MB, BENCH_RESUME_KILLS, BENCH_UI_JOBS, BENCH_UI_VIEW (grid | list), BENCH_ALBUM_PHOTOS, BENCH_ALBUM_NEW (photos new to the album; 0 skips those runs).
 * Link: BENCH_LINK_PROFILES (home,hotel,office), BENCH_LINK_SECONDS (data for this many seconds of a full line per run; default per profile, 4 s, office 6 s),
 * BENCH_LINK_PHOTO_MB, BENCH_LINK_RAW_MB, BENCH_LINK_MIN_RAWS, BENCH_LINK_MAX_PHOTOS (250), BENCH_LINK_MAX_RAWS (30), BENCH_LINK_CONTENDERS (pixdrop-3,pixdrop,sdk-3,sdk-30; pixdrop = as configured: adaptive).
 * Library: BENCH_LIBRARY_SEASON_ROWS (100000,1000000: libraries of that many registered photos, synthetic rows: open, claim, summary).
 * Season: BENCH_SEASON_PHOTOS (100,000 small photos end to end, then rescan, watch, first byte), BENCH_SEASON_IDLE_MS.
 *   At 100,000 the section takes about 10 minutes at 200 files/s and about 8 GB of the temp folder while it runs (the
 *   photos, and the local Cloudinary's stored copy of each); BENCH_ONLY=season runs it alone.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleEngine } from './lib/bundle.mjs';
import { repoRoot } from './lib/paths.mjs';
import { machineInfo, printTable, writeReport } from './report.mjs';
import { benchEngineMemory, benchLibrary } from './library.mjs';
import { benchAlbum } from './album.mjs';
import { benchLink } from './link.mjs';
import { benchResume } from './resume.mjs';
import { benchScan } from './scan.mjs';
import { benchSeason } from './season.mjs';
import { benchUi } from './ui.mjs';
import { benchUpload } from './upload.mjs';

const env = process.env;
const quick = env.BENCH_QUICK === '1';
const num = (name, full, small) => Number(env[name] ?? (quick ? small : full));
const MB = 1_000_000;
const options = {
  upload: {
    smallCount: num('BENCH_UPLOAD_FILES', 40, 8),
    smallSize: num('BENCH_UPLOAD_SMALL_MB', 8, 8) * MB,
    bigSize: num('BENCH_UPLOAD_BIG_MB', 120, 40) * MB,
    chunkSize: num('BENCH_CHUNK_MB', 20, 20) * MB,
    concurrency: num('BENCH_CONCURRENCY', 3, 3),
    rounds: num('BENCH_UPLOAD_ROUNDS', 2, 1),
  },
  scan: { files: num('BENCH_SCAN_FILES', 5000, 500), rounds: num('BENCH_SCAN_ROUNDS', 2, 1) },
  library: {
    rows: num('BENCH_LIBRARY_ROWS', 100_000, 20_000),
    seasonRows: (env.BENCH_LIBRARY_SEASON_ROWS ?? (quick ? '10000' : '100000,1000000')).split(',').map(Number),
  },
  memory: { small: num('BENCH_MEMORY_SMALL', 1000, 1000), large: num('BENCH_MEMORY_LARGE', 50_000, 10_000) },
  resume: { size: num('BENCH_RESUME_MB', 120, 60) * MB, chunkSize: num('BENCH_RESUME_CHUNK_MB', 6, 6) * MB, kills: num('BENCH_RESUME_KILLS', 3, 3) },
  ui: { jobs: num('BENCH_UI_JOBS', 50_000, 5_000), view: env.BENCH_UI_VIEW ?? null },
  album: { photos: num('BENCH_ALBUM_PHOTOS', 5000, 500), newPhotos: num('BENCH_ALBUM_NEW', 1000, 200), concurrency: num('BENCH_CONCURRENCY', 3, 3) },
  link: {
    profiles: (env.BENCH_LINK_PROFILES ?? 'home,hotel,office').split(','),
    // Unset: each profile's own (bench/lib/link.mjs: 4 s, office 6 s).
    seconds: env.BENCH_LINK_SECONDS ? Number(env.BENCH_LINK_SECONDS) : quick ? 2 : undefined,
    photoMb: num('BENCH_LINK_PHOTO_MB', 3, 3),
    rawMb: num('BENCH_LINK_RAW_MB', 25, 25),
    minRaws: num('BENCH_LINK_MIN_RAWS', 2, 1),
    // High enough for the office profile's 6 s of 1 Gbit/s (250 × 3 MB, 30 × 25 MB: "best possible" 95 %);
    // the quick run keeps 40 and 6 (~1 s there, where the last upload's 0.3 s of server time caps use at 76-80 %).
    maxPhotos: num('BENCH_LINK_MAX_PHOTOS', 250, 40),
    maxRaws: num('BENCH_LINK_MAX_RAWS', 30, 6),
    contenders: (env.BENCH_LINK_CONTENDERS ?? 'pixdrop-3,pixdrop,sdk-3,sdk-30').split(','),
  },
  season: { photos: num('BENCH_SEASON_PHOTOS', 100_000, 5_000), idleMs: num('BENCH_SEASON_IDLE_MS', 5_000, 3_000) },
};

const SECTIONS = ['upload', 'scan', 'library', 'memory', 'resume', 'ui', 'album', 'link', 'season'];
const only = env.BENCH_ONLY ? env.BENCH_ONLY.split(',').map((s) => s.trim()) : SECTIONS;
const cacheDir = path.join(repoRoot, 'bench/.cache');
const resultsPath = path.join(cacheDir, 'results.json');
const log = (line) => process.stdout.write(`${line}\n`);

function build() {
  if (only.includes('report')) return; // BENCH_ONLY=report: rewrite BENCHMARKS.md from the last results
  if (env.BENCH_NO_BUILD === '1' && existsSync(path.join(repoRoot, 'out/cli.js'))) return;
  log('building (npm run build)…');
  execFileSync('npm', ['run', '--silent', 'build'], { cwd: repoRoot, stdio: ['ignore', 'ignore', 'inherit'] });
}

function profileDir(name) {
  if (env.BENCH_PROFILE !== '1') return undefined;
  const dir = path.join(cacheDir, 'profiles', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

async function runSection(name, engine, bundle) {
  switch (name) {
    case 'upload':
      return benchUpload(engine, { ...options.upload, log, profileDir: profileDir('upload') });
    case 'scan':
      return benchScan(bundle, { ...options.scan, log, profileDir: profileDir('scan') });
    case 'library':
      return benchLibrary(bundle, { ...options.library, log });
    case 'memory':
      return benchEngineMemory(engine, bundle, { ...options.memory, log });
    case 'resume':
      return benchResume(engine, options.resume);
    case 'ui':
      return benchUi(engine, { ...options.ui, bundle, log });
    case 'album':
      return benchAlbum(engine, { ...options.album, bundle, log });
    case 'link':
      return benchLink(engine, { ...options.link, log });
    case 'season':
      return benchSeason(bundle, { ...options.season, log });
    default:
      throw new Error(`unknown section ${name}`);
  }
}

build();
const bundle = await bundleEngine();
const engine = await import(bundle);
const previous = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : { sections: {} };
const results = { machine: machineInfo(), quick, options: { ...previous.options, ...options }, sections: { ...previous.sections } };
const started = Date.now();
for (const name of SECTIONS.filter((s) => only.includes(s))) {
  log(`\n== ${name}`);
  const t0 = Date.now();
  try {
    results.sections[name] = { measuredAt: new Date().toISOString(), quick, seconds: 0, data: await runSection(name, engine, bundle) };
  } catch (error) {
    log(`  ${name}: FAILED: ${error.stack ?? error}`);
    results.sections[name] = { measuredAt: new Date().toISOString(), quick, seconds: 0, error: String(error.message ?? error).slice(0, 500) };
  }
  results.sections[name].seconds = (Date.now() - t0) / 1000;
}
results.totalSeconds = (Date.now() - started) / 1000;
mkdirSync(cacheDir, { recursive: true });
writeFileSync(resultsPath, JSON.stringify(results, null, 2));
printTable(results, log);
writeReport(results, path.join(repoRoot, 'BENCHMARKS.md'));
log(`\nwrote BENCHMARKS.md (${results.totalSeconds.toFixed(0)} s)`);
process.exit(0);
