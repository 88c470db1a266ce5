/**
 * Link: uploads through a simulated line (bench/lib/link.mjs: round trip, shared uplink, and the
 * local Cloudinary's processing time once per whole upload, as Cloudinary analyses a complete asset) for each profile,
 * 3 MB photos and 25 MB RAW-sized photos, PixDrop at a fixed 3 and as it runs by default, the
 * official SDK at 3 and at 30 at once. Link use = bytes delivered / (bandwidth × active time),
 * active time from the first byte of the first upload request (POST) to the last answer byte.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { LINK_PROFILES, measureLinkCeiling, startLink } from './lib/link.mjs';
import { mdTable, pct, secs } from './lib/format.mjs';
import { cliPath, workersDir } from './lib/paths.mjs';
import { writeBigJpeg } from './lib/photos.mjs';
import { CLOUD, startStack, tempDir } from './lib/stack.mjs';
import { lastJson, runNode } from './lib/proc.mjs';

const MB = 1_000_000;
const CHUNK = 20 * MB; // the engine's default chunk size; the SDK's upload_large gets the same

export function makeSet(dir, name, count, size, seed) {
  const folder = path.join(dir, name);
  mkdirSync(folder, { recursive: true });
  const files = [];
  for (let i = 0; i < count; i += 1) {
    const p = path.join(folder, `${name}_${String(i).padStart(3, '0')}.jpg`);
    writeBigJpeg(p, size, seed + i);
    files.push({ path: p, size });
  }
  return { name, folder, files, bytes: count * size, size };
}

const clamp = (n, lo, hi) => Math.max(lo, Math.min(hi, n));

/**
 * The most any uploader can reach by this measure: the whole set on a line that never idles, then
 * the last upload's server time and a round trip, which follow its last byte whatever the uploader does.
 */
function bestUse(set, profile) {
  const sendMs = ((set.bytes * 8) / profile.bitsPerSecond) * 1000;
  return sendMs / (sendMs + profile.serverMs + profile.rttMs);
}

async function runPixdrop(stack, link, set, concurrency, tag) {
  const album = `bench-link-${tag}`;
  await stack.backend.issueToken({ userId: 'photographer-1', albumIds: [album] });
  const dataDir = mkdtempSync(path.join(stack.dir, 'engine-'));
  const extra = { CLOUDINARY_URL: `cloudinary://${CLOUD.apiKey}:${CLOUD.apiSecret}@${CLOUD.cloudName}?upload_prefix=${link.url}` };
  if (concurrency !== null) extra.PIXDROP_CONCURRENCY = String(concurrency);
  const result = await runNode(cliPath, ['upload', set.folder, '--album', album, '--json'], { env: stack.envFor(dataDir, extra), timeoutMs: 900_000 });
  const summary = lastJson(result.stdout);
  if (summary.type !== 'summary' || summary.failed !== 0) throw new Error(`pixdrop through the link did not finish cleanly: ${JSON.stringify(summary)}`);
  const seen = result.stdout
    .split('\n')
    .filter((l) => l.includes('"concurrency"'))
    .map((l) => JSON.parse(l).concurrency);
  return { ...result, concurrencySeen: seen.length ? { min: Math.min(...seen), max: Math.max(...seen), last: seen.at(-1) } : null };
}

function runSdk(link, set, concurrency, tag) {
  const job = { files: set.files, concurrency, chunkSize: CHUNK, tags: `bench-link-sdk-${tag}` };
  const env = {
    ...process.env,
    CLOUDINARY_URL: `cloudinary://${CLOUD.apiKey}:${CLOUD.apiSecret}@${CLOUD.cloudName}?upload_prefix=${link.url}`,
    BENCH_SDK_JOB: JSON.stringify(job),
  };
  return runNode(path.join(workersDir, 'sdk-upload.mjs'), [], { env, timeoutMs: 900_000 });
}

export const CONTENDERS = [
  { id: 'pixdrop-3', label: 'PixDrop, PIXDROP_CONCURRENCY=3', run: (s, l, set, tag) => runPixdrop(s, l, set, 3, tag) },
  { id: 'pixdrop', label: 'PixDrop, default', run: (s, l, set, tag) => runPixdrop(s, l, set, null, tag) },
  { id: 'sdk-3', label: 'SDK, 3 at once', run: (_s, l, set, tag) => runSdk(l, set, 3, tag) },
  { id: 'sdk-30', label: 'SDK, 30 at once', run: (_s, l, set, tag) => runSdk(l, set, 30, tag) },
];

async function benchProfile(engine, name, o) {
  const profile = LINK_PROFILES[name];
  const rate = profile.bitsPerSecond / 8;
  const dir = tempDir(`pixdrop-bench-link-${name}-`);
  const stack = await startStack(engine);
  stack.cloudinary.setFaults({ processingMs: profile.serverMs });
  const link = await startLink({ targetPort: stack.cloudinary.port, bitsPerSecond: profile.bitsPerSecond, rttMs: profile.rttMs, fromFirstPost: true });
  const rows = [];
  // The proxy's own ceiling now, raw TCP senders and a counting sink, same profile: on 2 shared cores
  // a JavaScript proxy may not carry 1 Gbit/s, and an uploader cannot use more of the line than that.
  const seconds = o.seconds ?? profile.seconds;
  const raw = await measureLinkCeiling({ bitsPerSecond: profile.bitsPerSecond, rttMs: profile.rttMs, bytes: Math.max(rate * seconds, 4 * MB) });
  o.log(`  link ${name} simulator alone (4 raw senders): use ${pct(raw.use)} of ${profile.bitsPerSecond / 1e6} Mbit/s`);
  try {
    // Enough data for the profile's seconds of a full line, within bounds this machine can write and send.
    const photos = makeSet(dir, 'photo', clamp(Math.ceil((rate * seconds) / (o.photoMb * MB)), 6, o.maxPhotos), o.photoMb * MB, 1);
    const raws = makeSet(dir, 'raw', clamp(Math.ceil((rate * seconds) / (o.rawMb * MB)), o.minRaws, o.maxRaws), o.rawMb * MB, 500);
    for (const set of [photos, raws]) {
      for (const c of CONTENDERS.filter((x) => o.contenders.includes(x.id))) {
        link.reset();
        const r = await c.run(stack, link, set, `${name}-${set.name}-${c.id}-${Date.now()}`);
        const s = link.stats();
        const row = {
          profile: name,
          set: set.name,
          files: set.files.length,
          size: set.size,
          contender: c.id,
          label: c.label,
          wallMs: r.wallMs,
          activeMs: s.activeMs,
          bytesUp: s.up,
          use: s.use,
          simulatorUse: raw.use,
          bestUse: bestUse(set, profile),
          connections: s.connections,
          concurrency: r.concurrencySeen ?? null,
        };
        rows.push(row);
        o.log(
          `  link ${name} ${set.files.length}× ${set.size / MB} MB ${c.id}: use ${pct(s.use)}, active ${secs(s.activeMs)}, wall ${secs(r.wallMs)}${row.concurrency ? `, concurrency ${row.concurrency.min}–${row.concurrency.max}` : ''}`,
        );
      }
    }
    return { profile: { name, ...profile }, rows };
  } finally {
    await link.close();
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchLink(engine, o) {
  const out = [];
  for (const name of o.profiles) out.push(await benchProfile(engine, name, o));
  return { photoMb: o.photoMb, rawMb: o.rawMb, seconds: o.seconds, profiles: out };
}

/** The BENCHMARKS.md part of this section. */
export function linkSection(data) {
  if (!data) return '';
  const rows = data.profiles.flatMap((p) =>
    p.rows.map((r) => [
      `${p.profile.label} (${p.profile.bitsPerSecond / 1e6} Mbit/s, ${p.profile.rttMs} ms, ${p.profile.serverMs / 1000} s)`,
      `${r.files} × ${r.size / MB} MB`,
      r.label,
      pct(r.use),
      r.bestUse === undefined ? '' : pct(r.bestUse),
      r.simulatorUse === undefined ? '' : pct(r.simulatorUse),
      secs(r.activeMs),
      r.concurrency ? `${r.concurrency.min}–${r.concurrency.max}` : '',
    ]),
  );
  return `## Link

Uploads through a simulated line on 127.0.0.1 (bench/lib/link.mjs): a forwarding proxy between the uploader and the local
Cloudinary-compatible server that delays each byte by half the round trip each way and shares one uplink (token bucket,
round-robin across connections); the server waits its processing time before the answer of every whole upload (a photo
sent in one request, or a chunked upload's last chunk: Cloudinary analyses an asset once it is complete, not per chunk).
Link use = bytes delivered / (bandwidth × time from the first byte of the first upload request to the last answer byte),
always against the nominal bandwidth (a GET before it, the CLI's clock check at start, does not start the clock: the
scanning and reading that follow it are start-up, measured elsewhere, not the line's idle time). Each run sends as much
data as ${data.seconds ? `${data.seconds} s` : "the profile's seconds (4 s, office 6 s)"} of the full line would carry, within BENCH_LINK_MAX_PHOTOS / _RAWS.
"Best possible" is that figure for a line that never idles: the last upload's server time and one round trip follow its last byte whatever the uploader does. "Simulator alone" is the proxy's own ceiling in the same run: four raw
TCP senders through the same profile to a sink that only counts (no HTTP, no uploader, no server), the same amount of
data; an uploader cannot use more of the line than that on this machine.

${mdTable(['Profile', 'Files', 'Uploader', 'Link use', 'Best possible', 'Simulator alone', 'Active time', 'Concurrency seen'], rows)}
`;
}
