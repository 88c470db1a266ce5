/**
 * A 2 GiB phone video (a real iPhone clip with its media data grown, `moov` at the end as cameras write it),
 * uploaded by the built CLI in its default chunks, killed with SIGKILL twice mid-transfer and started again:
 * every run streams (peak RSS far below the file), each kill costs at most the chunk that was in flight, the
 * bytes the server keeps are the file's, and the album gets one video record.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_CHUNK_SIZE } from '../../../src/main/engine/config';
import { requireFreeSpace, writeGrownMovie, type BigVideo } from '../../helpers/big-video';
import { ndjson, runCli, startCli, type CliResult } from '../../helpers/cli';
import { requireBuiltCli, waitFor } from '../../helpers/index';
import { startTestStack, watchUploads, type TestStack, type UploadWatch } from '../../helpers/stack';
import { expectedVideos, videosDir } from '../../helpers/videos';

/** Past 2^31, so any signed 32-bit offset on the way breaks; the last chunk is a partial one. */
const SIZE = 2 ** 31 + 7_654_321;
const CHUNK = DEFAULT_CHUNK_SIZE;
const CLIP = 'with-gps.mov';
/**
 * Measured peak RSS per run here: 97–107 MB (the photo upload bench peaks at ~135 MB). 250 MB leaves room for
 * another machine's garbage collector and is still an eighth of the file: holding it whole, or not giving the
 * pieces of a chunk back as they are sent, would show far above it.
 */
const PEAK_RSS_BOUND = 250 * 1024 * 1024;
/** Kill points, in chunks sent by that run: mid-chunk, so one chunk is in flight when it dies. */
const KILL_AFTER_CHUNKS = [30.6, 40.4];

async function sha1OfFile(file: string): Promise<string> {
  const hash = createHash('sha1');
  await pipeline(createReadStream(file, { highWaterMark: 1 << 20 }), hash);
  return hash.digest('hex');
}

describe('a 2 GiB video in default chunks', () => {
  let stack: TestStack;
  let folder: string;
  let video: BigVideo;
  let uploads: UploadWatch;

  beforeAll(() => {
    requireBuiltCli();
    // The server's copy is real bytes (the source is sparse): the file's size and room for the index.
    requireFreeSpace(os.tmpdir(), SIZE + 500_000_000, 'The 2 GiB video test');
  });
  afterAll(() => stack?.close()); // removes the source and the server's copy

  it('a grown clip is still a valid movie: exiftool reads it as the original', async () => {
    stack = await startTestStack();
    uploads = watchUploads(stack.cloudinary);
    folder = path.join(stack.dir, 'Clips');
    mkdirSync(folder);
    video = writeGrownMovie(path.join(videosDir, CLIP), path.join(folder, 'long-take.mov'), SIZE);
    const [read] = JSON.parse(
      execFileSync('exiftool', ['-json', '-n', '-Duration', '-GPSLatitude', '-Rotation', '-Model', '-FileSize', path.join(folder, 'long-take.mov')], {
        encoding: 'utf8',
      }),
    ) as Record<string, unknown>[];
    const expected = expectedVideos[CLIP]!;
    expect(read).toMatchObject({
      Duration: expected.Duration,
      GPSLatitude: expected.GPSLatitude,
      Rotation: expected.Rotation,
      Model: expected.Model,
      FileSize: SIZE,
    });
  });

  it('streams with flat memory, resumes after two SIGKILLs with at most the chunk in flight re-sent, arrives once', async () => {
    const started = Date.now();
    const args = ['upload', folder, '--album-from-folder', '--json'];
    const runs: { result: CliResult; received: number; requests: number; resumedAt: number; seconds: number }[] = [];
    for (const chunks of [...KILL_AFTER_CHUNKS, null]) {
      const baseline = stack.cloudinary.stats().bytesReceived;
      const firstRequest = uploads.chunkStarts.length;
      const runStarted = Date.now();
      const running = startCli(args, stack.env);
      if (chunks !== null) {
        await waitFor(() => stack.cloudinary.stats().bytesReceived - baseline >= chunks * CHUNK, 60_000, `${chunks} chunks to arrive`);
        running.child.kill('SIGKILL');
      }
      const result = await running.done;
      // What the killed process had written is still in the socket: the server reads it to the end of the request.
      await waitFor(() => uploads.open() === 0, 30_000, 'the server to finish reading the cut request');
      expect(chunks === null ? result.code : result.signal, result.stderr).toBe(chunks === null ? 0 : 'SIGKILL');
      runs.push({
        result,
        received: stack.cloudinary.stats().bytesReceived - baseline,
        requests: uploads.chunkStarts.length - firstRequest,
        resumedAt: uploads.chunkStarts[firstRequest]!,
        seconds: (Date.now() - runStarted) / 1000,
      });
    }
    const seconds = (Date.now() - started) / 1000;
    const final = runs.at(-1)!.result;
    expect(ndjson(final.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });

    // Each request's form (fields, part headers) around its bytes of the file, as the last run's requests carried it.
    const last = runs.at(-1)!;
    const formBytes = Math.ceil((last.received - (SIZE - last.resumedAt)) / last.requests);
    // File bytes a killed run sent that the next run sends again: all it sent, less the forms, less its progress.
    const resent = runs.slice(0, -1).map((run, k) => run.received - run.requests * formBytes - (runs[k + 1]!.resumedAt - run.resumedAt));
    const peak = Math.max(...runs.map((r) => r.result.peakRss ?? Infinity));
    console.log(
      `2 GiB video, ${CHUNK}-byte chunks: ${seconds.toFixed(1)} s for ${runs.length} runs (${runs.map((r) => r.seconds.toFixed(1)).join(' + ')} s); peak RSS per run ${runs.map((r) => ((r.result.peakRss ?? NaN) / 2 ** 20).toFixed(1)).join(' / ')} MB; ` +
        `resumed at ${runs.map((r) => r.resumedAt).join(', ')}; re-sent per kill ${resent.join(', ')} B (forms of ~${formBytes} B a request aside)`,
    );
    expect(runs[0]!.resumedAt).toBe(0);
    expect(formBytes).toBeLessThan(4096);
    for (const bytes of resent) expect(bytes).toBeLessThanOrEqual(CHUNK + 1024); // at most the chunk in flight
    expect(peak).toBeLessThan(PEAK_RSS_BOUND);

    const assets = stack.cloudinary.listAssets();
    expect(assets).toHaveLength(1);
    expect(assets[0]).toMatchObject({ public_id: `pixdrop/${video.sha1}`, bytes: SIZE, format: 'mov', writes: 1 });
    expect(await sha1OfFile(assets[0]!.filePath)).toBe(video.sha1);
    const records = stack.backend.listImages();
    expect(records).toHaveLength(1);
    expect(records[0]!.infos).toMatchObject({ resource_type: 'video' });
    expect(records[0]!.metadatas).toMatchObject({ sha1: video.sha1, file_size: String(SIZE), camera_model: 'iPhone 6', orientation: '6' });
  }, 240_000);
});
