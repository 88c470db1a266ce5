/**
 * Our video metadata against exiftool's reading of the real clips (../shared/fixtures/videos/expected.json),
 * field by field, through inspectPhoto as the engine reads them (test/helpers/videos.ts says how each field
 * is compared; taken_at follows contract §5).
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import type { FoundFile } from '../../../src/main/engine/discover/walk';
import { useTempDir } from '../../helpers/temp-dir';
import { expectedVideos, videoAgreement, videosDir } from '../../helpers/videos';

const found = (name: string): FoundFile => ({ path: path.join(videosDir, name), root: videosDir, relativePath: name, size: 0, mtimeMs: 0 });

describe('video metadata agreement with exiftool', () => {
  it('agrees on every compared value of the 12 fixture clips (MP4, MOV, M4V, 3GP, MTS, AVI)', async () => {
    const read: Record<string, Record<string, unknown>> = {};
    const timings: string[] = [];
    for (const name of Object.keys(expectedVideos)) {
      const started = performance.now();
      read[name] = (await inspectPhoto(found(name))).metadatas as Record<string, unknown>;
      timings.push(`${name} ${(performance.now() - started).toFixed(1)} ms`);
    }
    const { table: rows, misses, agree, total } = videoAgreement((name) => read[name]);
    console.table(rows);
    console.log(`Misses (${misses.length}):\n${misses.join('\n')}\nRead times (SHA-1 of the whole clip included):\n${timings.join('\n')}`);
    expect(Object.keys(expectedVideos)).toHaveLength(12);
    expect(agree / total).toBeGreaterThanOrEqual(1);
  });

  it('takes an iPhone clip’s taken_at from Apple’s CreationDate with its offset, not the UTC CreateDate', async () => {
    const { metadatas } = await inspectPhoto(found('with-gps.mov'));
    expect(metadatas).toMatchObject({
      taken_at: '2019-07-24T11:25:40+03:00',
      camera_make: 'Apple',
      camera_model: 'iPhone 6',
      orientation: '6',
      duration: '4.001666667',
    });
  });

  it('marks a QuickTime CreateDate as UTC', async () => {
    const { metadatas } = await inspectPhoto(found('with-gps.mp4'));
    expect(metadatas.taken_at).toBe('2017-02-22T08:20:28Z');
    expect(metadatas.gps_longitude).toBe('-0.0806');
  });
});

describe('bad videos', () => {
  it('a clip cut short is CORRUPT_FILE and a text file named .mov is NOT_A_PHOTO, each naming the file', async () => {
    const { readFileSync, writeFileSync } = await import('node:fs');
    const dir = useTempDir('pixdrop-badvideo-');
    const cut = path.join(dir, 'cut.mp4');
    writeFileSync(cut, readFileSync(path.join(videosDir, 'with-gps.mp4')).subarray(0, 100_000));
    const text = path.join(dir, 'notes.mov');
    writeFileSync(text, 'not a movie at all, just some words\n');
    const at = (p: string): FoundFile => ({ path: p, root: dir, relativePath: path.basename(p), size: 0, mtimeMs: 0 });
    await expect(inspectPhoto(at(cut))).rejects.toMatchObject({ code: 'CORRUPT_FILE', message: expect.stringContaining('cut.mp4') });
    await expect(inspectPhoto(at(text))).rejects.toMatchObject({ code: 'NOT_A_PHOTO', message: expect.stringContaining('notes.mov') });
  });
});
