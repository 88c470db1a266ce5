/** The table on the terminal and BENCHMARKS.md, from the results of a run. */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { mb, mdTable, msf, pct, rate, ratio, secs, textTable, verdict } from './lib/format.mjs';
import { repoRoot } from './lib/paths.mjs';
import { findings } from './findings.mjs';
import { linkSection } from './link.mjs';
import { seasonSection } from './season.mjs';

function version(pkg) {
  try {
    return JSON.parse(readFileSync(path.join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function tool(command, args) {
  try {
    return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .trim()
      .split('\n')[0];
  } catch {
    return 'not installed';
  }
}

export function machineInfo() {
  return {
    nproc: tool('nproc', []),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()}`,
    node: process.version,
    packages: Object.fromEntries(['better-sqlite3', 'exifr', 'fastify', 'cloudinary', '@playwright/test', 'react', 'esbuild'].map((p) => [p, version(p)])),
    sqlite: tool('node', ['-e', "const D=require('better-sqlite3');console.log(new D(':memory:').prepare('select sqlite_version() v').get().v)"]),
    exiftool: tool('exiftool', ['-ver']),
    sha1sum: tool('sha1sum', ['--version']),
    chromium: tool('/usr/bin/chromium', ['--version']),
  };
}

const d = (results, name) => results.sections[name]?.data ?? null;
const notMeasured = (results, name) => results.sections[name]?.error ?? d(results, name)?.notMeasured ?? null;

/** Every target with where we stand: [target, PixDrop, reference, verdict]. */
export function targetRows(results) {
  const rows = [];
  const up = d(results, 'upload');
  if (up) {
    const t = up.engine.wallMs / up.sdk.wallMs;
    rows.push(["Upload time ≤ 0.8× the SDK's", `${secs(up.engine.wallMs)}`, `SDK ${secs(up.sdk.wallMs)}`, `${ratio(t)} — ${verdict(t <= 0.8)}`]);
    rows.push([
      "Upload peak memory ≤ the SDK's",
      mb(up.engine.peakRss),
      `SDK ${mb(up.sdk.peakRss)}`,
      `${ratio(up.engine.peakRss / up.sdk.peakRss)} — ${verdict(up.engine.peakRss <= up.sdk.peakRss)}`,
    ]);
  } else rows.push(['Upload vs SDK', 'not measured', notMeasured(results, 'upload') ?? 'section not run', 'not measured']);
  const sc = d(results, 'scan');
  if (sc) {
    const vsExif = sc.exiftool ? sc.pixdrop.filesPerSecond / sc.exiftool.filesPerSecond : null;
    const vsSha = sc.pixdrop.wallMs / sc.sha1sum.wallMs;
    rows.push([
      'Scan ≥ 10× faster than exiftool',
      rate(sc.pixdrop.filesPerSecond, 'files/s'),
      sc.exiftool ? `exiftool ${rate(sc.exiftool.filesPerSecond, 'files/s')}` : 'exiftool not installed',
      `${ratio(vsExif)} — ${verdict(vsExif == null ? null : vsExif >= 10)}`,
    ]);
    rows.push(['Scan within 1.5× of sha1sum', secs(sc.pixdrop.wallMs), `sha1sum ${secs(sc.sha1sum.wallMs)}`, `${ratio(vsSha)} — ${verdict(vsSha <= 1.5)}`]);
  }
  const lib = d(results, 'library');
  if (lib)
    rows.push([
      'Enqueue ≥ 50,000 files/s',
      rate(lib.shipped.enqueue.filesPerSecond, 'files/s'),
      `bare INSERTs ${rate(lib.shipped.reference.filesPerSecond, 'files/s')}`,
      verdict(lib.shipped.enqueue.filesPerSecond >= 50_000),
    ]);
  const mem = d(results, 'memory');
  if (mem)
    rows.push([
      `Engine memory growth ≤ 50 MB (${mem.small.n.toLocaleString('en-US')} → ${mem.large.n.toLocaleString('en-US')} queued)`,
      mb(mem.growthPeak),
      `peak ${mb(mem.small.peakRss)} → ${mb(mem.large.peakRss)}`,
      verdict(mem.growthPeak <= 50e6),
    ]);
  const ui = d(results, 'ui');
  if (ui && !ui.notMeasured) {
    rows.push([
      `Queue render ≤ 100 ms (${ui.jobs.toLocaleString('en-US')} files, data → rows)`,
      msf(ui.renderAfterDataMs),
      `frames p95 ${msf(ui.frameP95Ms)}`,
      verdict(ui.renderAfterDataMs !== null && ui.renderAfterDataMs <= 100),
    ]);
    rows.push(['First row from navigation start (engine busy hashing)', msf(ui.firstRenderMs), `DOMContentLoaded ${msf(ui.domContentLoadedMs)}`, 'reported']);
  } else rows.push(['Queue render ≤ 100 ms', 'not measured', notMeasured(results, 'ui') ?? 'section not run', 'not measured']);
  const al = d(results, 'album');
  if (al) {
    const ask = al.rows.find((r) => r.mode === 'ask-first' && r.name.startsWith('album has'));
    const blind = al.rows.find((r) => r.mode === 'blind' && r.name.startsWith('album has'));
    rows.push([
      `Fresh library, album already holding ${al.photos.toLocaleString('en-US')} photos: backend requests per photo`,
      ask.requestsPerPhoto.toFixed(3),
      `blind re-upload ${blind.requestsPerPhoto.toFixed(3)}`,
      'reported',
    ]);
    rows.push([
      '… and wall time (bytes sent)',
      `${secs(ask.wallMs)} (${mb(ask.bytesSent)})`,
      `blind ${secs(blind.wallMs)} (${mb(blind.bytesSent)})`,
      ratio(ask.wallMs / blind.wallMs),
    ]);
  }
  const rs = d(results, 'resume');
  if (rs)
    rows.push([
      'Re-sent bytes ≤ one chunk per interruption',
      `${mb(rs.resent)} after ${rs.kills} kills`,
      `${rs.chunksPerKill.toFixed(2)} chunk per kill (chunk ${mb(rs.chunkSize)})`,
      verdict(rs.resent <= rs.kills * rs.chunkSize + 64 * 1024),
    ]);
  return rows;
}

export function printTable(results, log) {
  log('\nPixDrop benchmarks' + (results.quick ? ' (BENCH_QUICK: small sizes)' : ''));
  log(textTable(['Target', 'PixDrop', 'Reference (same run)', 'Ratio / verdict'], targetRows(results)));
}

function uploadSection(up) {
  if (!up) return '';
  const row = (name, r, note) => [name, secs(r.wallMs), rate(r.mbps, 'MB/s'), mb(r.peakRss), ratio(r.wallMs / up.sdk.wallMs), note];
  return `## 1. Upload

${up.files - 1} × ${mb(up.smallSize)} + 1 × ${mb(up.bigSize)} (${mb(up.bytes)}), concurrency ${up.concurrency}, chunk size ${mb(up.chunkSize)}
(files above it go in chunks: PixDrop's chunked upload / the SDK's \`upload_large\`; below it one POST / \`upload\`).
All three against the same local Cloudinary-compatible server (src/main/localstack/cloudinary-server.ts, in the bench
process) or, for the ceiling, a sink that only counts bytes. Each contender is its own child process; peak RSS is
VmHWM sampled every 20 ms. Best wall time of ${up.rounds} round(s), order alternated; peak = highest of the rounds.
Wall times: PixDrop ${up.engine.all.map((x) => secs(x)).join(', ')}; SDK ${up.sdk.all.map((x) => secs(x)).join(', ')}; raw ${up.raw.all.map((x) => secs(x)).join(', ')}.

${mdTable(
  ['Contender', 'Wall', 'Throughput', 'Peak RSS', 'Time vs SDK', 'What it does'],
  [
    row('PixDrop engine (`pixdrop upload`)', up.engine, 'walk + hash + EXIF of every file, signed upload, register each photo in the album backend'),
    row('Official SDK (`cloudinary` ' + '2.x)', up.sdk, 'upload / upload_large only (no hashing, no album registration)'),
    row('Raw loopback POST (ceiling)', up.raw, 'one HTTP POST of the same bytes to a sink'),
  ],
)}
`;
}

function scanSection(sc) {
  if (!sc) return '';
  const rows = [
    [
      'PixDrop scan path',
      secs(sc.pixdrop.wallMs),
      rate(sc.pixdrop.filesPerSecond, 'files/s'),
      mb(sc.pixdrop.peakRss),
      `walk + enqueue ${msf(sc.pixdrop.enqueueMs)}, hash + EXIF ${secs(sc.pixdrop.hashMs)}`,
    ],
    sc.exiftool
      ? [
          '`exiftool -json -r`',
          secs(sc.exiftool.wallMs),
          rate(sc.exiftool.filesPerSecond, 'files/s'),
          mb(sc.exiftool.peakRss),
          `exiftool ${sc.exiftoolVersion}, metadata only`,
        ]
      : ['exiftool', 'not measured', '', '', 'not installed'],
    ['`sha1sum` (I/O reference)', secs(sc.sha1sum.wallMs), rate(sc.sha1sum.filesPerSecond, 'files/s'), '', 'read + hash, one process'],
  ];
  return `## 2. Scan

${sc.files.toLocaleString('en-US')} photos (${mb(sc.bytes)}), copies of the ${sc.distinctSources} fixture photos in /work/shared/fixtures/photos
(broken/ excluded), 500 per folder, page cache warmed once before any contender runs. "PixDrop scan path" is the
engine's own code (bench/workers/scan.mjs): \`enqueuePaths\` (walk + files/jobs rows), then the engine's scheduler
(\`createScheduler\`, uploads held back) hashing every job: 8 photos in flight, each read once on the reading thread (SHA-1,
JPEG end check, head handed back), structure check, EXIF/XMP/IPTC, sidecar, pixel size, written to the library, a job view
built per change as for the UI. PixDrop and sha1sum run ${sc.rounds ?? 1} round(s) alternated, best of each (exiftool once: ~90 s).
Wall times include process start (~0.1 s for each).

${mdTable(['Contender', 'Wall', 'Files/s', 'Peak RSS', 'Notes'], rows)}

PixDrop vs exiftool: ${sc.exiftool ? ratio(sc.pixdrop.filesPerSecond / sc.exiftool.filesPerSecond) + ' faster' : 'n/a'}; PixDrop vs sha1sum: ${ratio(sc.pixdrop.wallMs / sc.sha1sum.wallMs)} the time.
`;
}

function librarySection(lib, mem) {
  if (!lib && !mem) return '';
  let out = '## 3. Library\n\n';
  if (lib) {
    const q = (x) => `${msf(x.median)} (p95 ${msf(x.p95)})`;
    out += `${lib.rows.toLocaleString('en-US')} files enqueued through the engine's \`recordFound\` (batches of 500 in one transaction, as
\`enqueuePaths\` does; synthetic paths, no disk walk), in a fresh library; then the queries the engine runs
constantly, timed at ${lib.rows.toLocaleString('en-US')} rows (bench/workers/library.mjs). Reference, same process: the same rows
written by two bare INSERTs per file (same schema and indexes, same batches), i.e. SQLite's own cost without our logic.

${mdTable(
  ['Measure', 'PixDrop', 'Reference'],
  [
    [
      'Enqueue (new files)',
      rate(lib.shipped.enqueue.filesPerSecond, 'files/s'),
      `bare INSERTs ${rate(lib.shipped.reference.filesPerSecond, 'files/s')} (PixDrop ${ratio(lib.shipped.enqueue.filesPerSecond / lib.shipped.reference.filesPerSecond)} of it)`,
    ],
    ['Re-enqueue (rescan, all known)', rate(lib.shipped.rescan.filesPerSecond, 'files/s'), ''],
    ['claimNextJobs(hash, 2)', q(lib.shipped.claimHash), ''],
    ['claimNextJobs(upload, 3), all hashed', q(lib.shipped.claimUpload), ''],
    ['claimNextJobs(upload, 3), none hashed yet', q(lib.shipped.claimUploadNoneReady), ''],
    ['Status summary (countByStatus)', q(lib.shipped.statusSummary), ''],
    ['Queue view, first page of 200', q(lib.shipped.firstPage), ''],
    ['Queue view, last page (OFFSET)', q(lib.shipped.deepPage), ''],
  ],
)}

Query plans as shipped: claim — \`${lib.shipped.plans.claimHash}\`; summary — \`${lib.shipped.plans.statusSummary}\`.
`;
    if (lib.seasons?.length)
      out += `
Libraries after seasons of use (bench/workers/season-library.mjs): N registered photos as a done photo's rows are kept
(packed metadatas, no Cloudinary answer) plus a new shoot of 1,000 queued; open = \`openLibrary\` (quick_check, WAL), median of 3.

${mdTable(
  ['Registered photos', 'File per photo', 'Open', 'claimNextJobs(hash, 2)', 'claimNextJobs(upload, 3)', 'Status summary'],
  lib.seasons.map((s) => [
    s.n.toLocaleString('en-US'),
    `${(s.bytesPerPhoto / 1000).toFixed(2)} KB`,
    msf(s.open.median),
    q(s.claimHash),
    q(s.claimUpload),
    q(s.summary),
  ]),
)}
`;
  }
  if (mem) {
    out += `
### Engine memory with a big queue

\`createEngine\` + \`enqueuePaths\` of a real folder (hard links to one small JPEG), event listener attached, scheduler
not started so every file stays queued (bench/workers/engine-memory.mjs). Each size in a fresh process.

${mdTable(
  ['Queued files', 'RSS after GC', 'Peak RSS', 'JS heap used', 'Walk + enqueue'],
  [mem.small, mem.large].map((m) => [
    m.n.toLocaleString('en-US'),
    mb(m.rssAfter),
    mb(m.peakRss),
    mb(m.heapUsed),
    `${secs(m.enqueueMs)} (${rate(m.n / (m.enqueueMs / 1000), 'files/s')})`,
  ]),
)}

Growth of peak RSS: ${mb(mem.growthPeak)}; after GC: ${mb(mem.growthSettled)}.
`;
  }
  return out;
}

function resumeSection(rs) {
  if (!rs) return '';
  return `## 4. Resume

One ${mb(rs.size)} photo, chunk size ${mb(rs.chunkSize)}: \`pixdrop upload\` killed with SIGKILL ${rs.kills} times in the middle of a
chunk (after ${rs.killedAt.map((b) => mb(b)).join(', ')} had reached the server), then run to the end. The server
received ${mb(rs.received)} in all: **${mb(rs.resent)} re-sent = ${pct(rs.fraction)} of the file, ${rs.chunksPerKill.toFixed(2)} chunk per
interruption** (includes multipart framing of the repeated requests).
`;
}

function albumSection(al) {
  if (!al) return '';
  const rows = al.rows.map((r) => [
    r.name,
    secs(r.wallMs),
    String(r.backendRequests),
    r.requestsPerPhoto.toFixed(3),
    String(r.posts),
    String(r.deletes),
    mb(r.bytesSent),
    String(r.records),
  ]);
  return `## 6. Album check (a second computer, a reinstall)

${al.photos.toLocaleString('en-US')} distinct photos (${mb(al.photoBytes)} each) from a fresh library into an album that already holds them, and
${(al.newPhotos ?? 0).toLocaleString('en-US')} photos new to an empty album; concurrency ${al.concurrency}, against a backend that keeps duplicates (bench/album.mjs).
"Ask first" is the engine; "blind" is config \`askAlbumFirst: false\`, the behaviour before (POST unless an earlier attempt
may have reached the backend). Records: what the album holds afterwards.

${mdTable(['Run', 'Wall time', 'Backend requests', 'per photo', 'POSTs', 'DELETEs', 'Sent to Cloudinary', 'Records after'], rows)}

One listing page of 1000 records took ${msf(al.cost.pageMs)}, one \`?public_id=\` question ${msf(al.cost.questionMs)}: a page costs
${al.cost.ratio.toFixed(1)} questions (PAGE_COST in src/main/engine/pipeline/album-contents.ts).
`;
}

function uiSection(ui, error) {
  if (!ui || ui.notMeasured || error) return `## 5. UI\n\nnot measured: ${error ?? ui?.notMeasured ?? 'section not run'}\n`;
  return `## 5. UI

Chromium ${ui.browserVersion} (headless, --no-sandbox --disable-gpu …) via Playwright on \`pixdrop serve\` with a queue of
${ui.jobs.toLocaleString('en-US')} files (bench/ui.mjs).

${mdTable(['Measure', 'Value'], ui.rows)}
`;
}

function profileBlock(title, profile) {
  if (!profile) return '';
  const lines = (list) => list.map((x) => `| ${x.where.replace(/\|/g, '\\|')} | ${msf(x.ms)} | ${pct(x.share)} |`).join('\n');
  return `
<details><summary>${title}: CPU profile (node --cpu-prof, ${msf(profile.totalMs)} sampled)</summary>

| Self time: function | ms | share |
| --- | --- | --- |
${lines(profile.self)}

| Inclusive time, our code (sync part of async functions only) | ms | share |
| --- | --- | --- |
${lines(profile.inclusive)}

</details>
`;
}

export function writeReport(results, file) {
  const m = results.machine;
  const stamp = (name) =>
    results.sections[name]
      ? `${results.sections[name].measuredAt}${results.sections[name].quick ? ', BENCH_QUICK' : ''}, ${results.sections[name].seconds.toFixed(0)} s`
      : 'not run';
  const text = `# PixDrop benchmarks

Written by \`npm run bench\` (bench/run.mjs). Every figure below is measured on this machine, and every PixDrop figure sits
next to a reference measured in the same run. Sections: upload (${stamp('upload')}), scan (${stamp('scan')}),
library (${stamp('library')}), memory (${stamp('memory')}), resume (${stamp('resume')}), UI (${stamp('ui')}), album (${stamp('album')}).

**Machine:** ${m.nproc} CPUs (${m.cpu}), ${m.memory} RAM, ${m.os}, Node ${m.node}, SQLite ${m.sqlite}.
**Packages:** ${Object.entries(m.packages)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}; exiftool ${m.exiftool}; ${m.sha1sum}; ${m.chromium}.

## Targets and where we stand

${mdTable(['Target', 'PixDrop', 'Reference (same run)', 'Ratio / verdict'], targetRows(results))}

${uploadSection(d(results, 'upload'))}${profileBlock('Upload', d(results, 'upload')?.profile)}
${scanSection(d(results, 'scan'))}${profileBlock('Scan', d(results, 'scan')?.profile)}
${librarySection(d(results, 'library'), d(results, 'memory'))}
${resumeSection(d(results, 'resume'))}
${uiSection(d(results, 'ui'), results.sections.ui?.error)}
${albumSection(d(results, 'album'))}
${linkSection(d(results, 'link'))}
${seasonSection(d(results, 'season'))}
${findings(results)}

## How to reproduce

\`\`\`sh
apt-get install -y libimage-exiftool-perl   # the scan reference (skipped with a note if missing)
npm run bench                               # full sizes, about 3–4 minutes on 2 cores (exiftool alone ~90 s); writes this file
BENCH_QUICK=1 npm run bench                 # small sizes, about a minute
BENCH_ONLY=scan,library BENCH_PROFILE=1 npm run bench   # some sections, with CPU profiles in bench/.cache/profiles
\`\`\`

Sizes are set by environment variables (see the head of bench/run.mjs). The bench builds first (\`npm run build\`),
bundles the engine's TypeScript with esbuild into bench/.cache/engine.mjs for the in-process parts, and runs the CLI,
the SDK, exiftool, sha1sum and Chromium as child processes. Raw results: bench/.cache/results.json.
`;
  writeFileSync(file, text);
}
