/**
 * What dominates each measure and what to change, with the figures of the run. The analysis comes
 * from CPU profiles (BENCH_PROFILE=1), SQLite query plans and the A/B runs with the fixes applied
 * from outside; the engine's code itself is not changed by the bench.
 */
import { mb, msf, rate, ratio, secs } from './lib/format.mjs';

const d = (results, name) => results.sections[name]?.data ?? null;

function libraryFindings(lib, mem) {
  if (!lib) return '';
  const s = lib.shipped;
  const p = lib.proposed;
  return `### Library: enqueue ${rate(s.enqueue.filesPerSecond, 'files/s')} (target 50,000), claims ${msf(s.claimHash.median)} at ${lib.rows.toLocaleString('en-US')} rows

1. **Every call prepares its SQL again.** \`upsertFile\` (src/main/engine/library/files.ts), \`ensureJob\`, \`claimNextJobs\`,
   \`updateJob\`, \`getJob\`, \`findAlbumTwin\` (src/main/engine/library/jobs.ts), \`setFileInspection\`, \`getFile\` all call
   \`db.prepare(sql)\` per call. In the CPU profile of the enqueue, better-sqlite3's \`prepare\` alone is ~28 % of all
   samples and ~60 % of \`recordFound\`; enqueueing one file prepares 4 statements. The finalized statements are native
   memory released only when V8 collects their wrappers, which is also most of the engine's RSS growth with a big queue
   (the JS heap stays under 20 MB${mem ? `; growth ${mb(mem.growthPeak)} as shipped` : ''}${mem?.proposed ? ` vs ${mb(mem.proposed.growthPeak)} with statements cached` : ''}).
   **Fix (isolated, in src/main/engine/library/db.ts \`openLibrary\`):** cache statements per connection —
   \`\`\`ts
   const prepare = db.prepare.bind(db);
   const statements = new Map<string, Database.Statement>();
   db.prepare = ((sql: string) => statements.get(sql) ?? statements.set(sql, prepare(sql)).get(sql)!) as typeof db.prepare;
   \`\`\`
   (every SQL text in the library is a constant except \`updateJob\`'s SET list, which has a handful of shapes).
   Measured with it: enqueue ${rate(p.enqueue.filesPerSecond, 'files/s')} (×${(p.enqueue.filesPerSecond / s.enqueue.filesPerSecond).toFixed(1)}), rescan ${rate(p.rescan.filesPerSecond, 'files/s')}.
   To pass 50,000 files/s, also make each file one statement per table instead of SELECT-then-INSERT:
   \`INSERT INTO files … ON CONFLICT(path) DO UPDATE SET … RETURNING id, (size/mtime changed)\` and
   \`INSERT INTO jobs … ON CONFLICT(file_id, album_key) DO NOTHING RETURNING id\`.
2. **The claim sorts the whole queue.** Plan: \`${s.plans.claimHash}\`: \`claimNextJobs\` reads every queued row through
   \`jobs_status\` and sorts them by id to return 2 — ${msf(s.claimHash.median)} per claim at ${lib.rows.toLocaleString('en-US')} rows, and the scheduler claims
   on every wake-up (once per finished file). **Fix (migration 20):** \`CREATE INDEX jobs_claim ON jobs(status, id) WHERE
   status = 'queued'\` → ${msf(p.claimHash.median)} (hash) and ${msf(p.claimUpload.median)} (upload). The upload claim when nothing is hashed
   yet still walks every queued row (${msf(p.claimUploadNoneReady.median)}); two partial indexes \`ON jobs(id) WHERE status = 'queued' AND
   sha1 IS NULL\` / \`… IS NOT NULL\` make both kinds O(limit).
3. **Status summary** (\`countByStatus\`, ${msf(s.statusSummary.median)} at ${lib.rows.toLocaleString('en-US')} rows; plan \`${s.plans.statusSummary}\`) visits every row;
   a covering index helps little (${msf(p.statusSummary.median)}). It is coalesced to ≤ 4/s in createEngine, i.e. up to
   ~${Math.round(s.statusSummary.median * 4 / 10)} % of a core at this size. Keep per-status counters in a small table
   maintained by triggers on \`jobs\` (or in memory, updated where \`updateJob\` changes status) if queues this big matter.
4. The last page of the queue view uses \`LIMIT … OFFSET\` (${msf(s.deepPage.median)} at the end of ${lib.rows.toLocaleString('en-US')}); keyset paging
   (\`WHERE j.id > ?\`) would make it as cheap as the first page (${msf(s.firstPage.median)}).
`;
}

function claimShare(profile) {
  const claim = profile?.inclusive.find((x) => x.where.startsWith('claimNextJobs '));
  return claim ? ` **The largest single item is \`claimNextJobs\`: ${(claim.share * 100).toFixed(1)} % of all CPU samples** (the whole-queue sort, library item 2 below — one claim per file).` : '';
}

function scanFindings(sc) {
  if (!sc) return '';
  const perFileMs = sc.pixdrop.hashMs / sc.files;
  return `### Scan: ${rate(sc.pixdrop.filesPerSecond, 'files/s')} — ${sc.exiftool ? ratio(sc.pixdrop.filesPerSecond / sc.exiftool.filesPerSecond) : 'n/a'} exiftool's rate, ${ratio(sc.pixdrop.wallMs / sc.sha1sum.wallMs)} sha1sum's time

Note first that on this data the two targets are nearly the same bar: sha1sum itself runs at ${sc.exiftool ? ratio(sc.sha1sum.filesPerSecond / sc.exiftool.filesPerSecond) : 'n/a'}
exiftool's rate, so "10× exiftool" means "as fast as sha1sum". The hashing step costs ${msf(perFileMs)} per file (2 slots);
walk + enqueue is ${secs(sc.pixdrop.enqueueMs)} of the total.${claimShare(sc.profile)} What the profile shows per file (src/main/engine/scan/):
1. **Every byte is read twice.** \`inspectOpen\` (inspect.ts) reads a 512 KB head with \`readAt\` (containers.ts), which
   \`Buffer.alloc\`s — zero-fills — 512 KB each time, then \`hashAndScan\` (hash.ts) opens the file again and streams all
   of it from offset 0. The fixtures average ${mb(sc.bytes / sc.files)}, so the head usually *is* the whole file.
   **Fix:** hash the head buffer first and stream only from \`head.length\` (pass \`{ start: head.length, initial: head }\`
   to \`hashAndScan\`, which does \`hash.update(initial)\` and scans it for FF D9 before the loop; skip the stream when
   \`head.length === size\`), and use \`Buffer.allocUnsafe\` in \`readAt\` (the buffer is sliced to \`bytesRead\`).
2. **Three failed opens per photo for sidecars.** \`findSidecar\` (sidecar.ts) tries \`IMG.xmp\`, \`IMG.XMP\`, \`IMG.jpg.xmp\`
   with \`readFile\`; each miss is a thread-pool round trip plus a rejected promise with an Error (visible as
   \`handleErrorFromBinding\`/\`openFileHandle\` in the profile). **Fix:** have the walk note which directories contain any
   \`.xmp\` file (it already lists every entry) and skip the lookup elsewhere, or cache one directory listing per folder
   for the duration of a scan.
3. **Library writes per file:** \`claimNextJobs\` (sort of all queued rows, above) + \`getFile\`, \`setFileInspection\`,
   \`findAlbumTwin\`, \`updateJob\`, each preparing its statement — the statement cache and the claim index above apply here too.
4. After those, the floor is SHA-1 + exifr on the event loop of one process: the two hashing slots share one JS thread,
   so only the file reads and \`hash.update\` overlap; reaching sha1sum's speed on 2 cores needs the claim/prepare
   overhead gone first (items 1–3), then possibly hashing in a worker thread.
`;
}

function uploadFindings(up) {
  if (!up) return '';
  return `### Upload: ${ratio(up.engine.wallMs / up.sdk.wallMs)} the SDK's time, ${ratio(up.engine.peakRss / up.sdk.peakRss)} its peak memory

PixDrop is faster than the SDK although it also hashes every file, reads its EXIF and registers every photo with the
album backend: the SDK's \`upload_large\` buffers each ${mb(up.chunkSize)} chunk in memory (its \`Chunkable\` writable) and
\`upload\` goes through \`form-data\`/\`https.request\` streams; PixDrop streams file slices straight into undici with an exact
Content-Length (src/main/engine/cloudinary/transport.ts). Both are far from the loopback ceiling
(${rate(up.raw.mbps, 'MB/s')}): the local server computes md5, image size and EXIF of every stored file and writes it to disk, and
it runs in the bench process on the same 2 cores. Memory: an idle engine process is ~90–100 MB (Node + better-sqlite3 +
undici + fastify/local-stack code in one bundle; see the engine-memory table), so PixDrop's peak during the upload is that
baseline plus ~${mb(Math.max(0, up.engine.peakRss - 100e6))}: 3 upload streams (64 KB read-stream buffers + undici's socket buffers), the 2 hashing
slots' 1 MB read chunks and 512 KB head buffers (scan item 1), and garbage between collections. Cheapest wins if the
memory target must be met with margin: lazy-load the local-stack code (\`startDemoStack\` is bundled into the CLI but only
needed in demo mode — a possible saving, not measured), and reuse the head buffer (scan item 1).
`;
}

function resumeFindings(rs) {
  if (!rs) return '';
  return `### Resume: ${rs.chunksPerKill.toFixed(2)} chunk re-sent per interruption (target ≤ 1)

Met by design: \`bytes_confirmed\` is persisted after every acknowledged chunk and the next run continues at the first
unacknowledged byte with the same upload id, so a kill costs only the chunk on the wire. The figure approaches 1 because
at ${mb(rs.chunkSize)} a chunk crosses loopback in tens of milliseconds, so a kill "in the middle" lands late in the chunk.
`;
}

function uiFindings(ui) {
  if (!ui || ui.notMeasured) return '';
  return `### UI: rows ${msf(ui.renderAfterDataMs)} after their data, first row ${msf(ui.firstRenderMs)} after navigation, frame p95 ${msf(ui.frameP95Ms)}

The renderer's own part — from the first \`listJobs\` page arriving to its rows in the DOM — is ${msf(ui.renderAfterDataMs)}:
the list is virtualized (@tanstack/react-virtual) and paged (200 rows a page), so it does not grow with the queue.
The rest of the ${msf(ui.firstRenderMs)} from navigation is the server side while the engine is busy: the script bundle
(~290 kB) arrives at ${msf(ui.scriptArrivedMs)}, the first page is asked for at ${msf(ui.firstPageAskedMs)} and answered at
${msf(ui.firstPageMs)}. A CPU profile of \`pixdrop serve\` during that load (\`node --cpu-prof\`) shows its main
thread saturated by the hashing step working through the 50,000 queued files (four hashing slots: exifr parsing,
SHA-1, one SQLite transaction per job, GC), with the status summary (\`countByStatus\`, ~10 ms a call at 50,000 rows,
at most 4 per second) next. Static files and API calls wait their turn in the same event loop. Moving the hashing
step to a worker thread is the fix that would take this latency down; it is not done yet. Frame times stay at one
60 Hz frame (p95 ${msf(ui.frameP95Ms)}); events arrive batched by src/main/web/events.ts (≤ 4 messages/s),
${Math.round(ui.eventsPerSecond)}/s here because the queue is hard links of one photo (after the first, every file is a
duplicate and is skipped, not uploaded).
`;
}

export function findings(results) {
  const parts = [
    uploadFindings(d(results, 'upload')),
    scanFindings(d(results, 'scan')),
    libraryFindings(d(results, 'library'), d(results, 'memory')),
    resumeFindings(d(results, 'resume')),
    uiFindings(d(results, 'ui')),
  ].filter(Boolean);
  return `## What dominates, and what to fix\n\n${parts.join('\n')}`;
}
