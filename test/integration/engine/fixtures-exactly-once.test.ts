/**
 * Every fixture photo (but the broken ones) lands exactly once in its album and once in the
 * store, through the real `pixdrop upload` process against the real local servers; the bad
 * files are reported with a code and a message, and the run exits 1.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, type TestStack } from '../../helpers/stack';
import expected from '../../../../shared/fixtures/photos/expected.json';

const files = (expected as { files: Record<string, { sha1: string }> }).files;
const BAD = [
  'broken/MADE-empty-0-bytes.jpg',
  'broken/MADE-truncated-55pct-of-olympus-pen-e-p3.jpg',
  'broken/MADE-truncated-inside-exif-4096-bytes-of-olympus-pen-e-p3.jpg',
];

describe('pixdrop upload of every fixture photo', () => {
  let stack: TestStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('registers each photo once, stores each content once, and reports the broken files', async () => {
    const folders = readdirSync(fixturesDir, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => path.join(fixturesDir, d.name));
    const run = await runCli(['upload', ...folders, '--album-from-folder', '--json'], stack.env);
    const events = ndjson(run.stdout);
    expect(run.code, run.stderr).toBe(1);

    const failed = events.filter((e) => e.type === 'file-failed');
    expect(failed.map((e) => path.relative(fixturesDir, e.path as string)).sort()).toEqual([...BAD].sort());
    for (const f of failed) {
      const error = f.error as { code: string; message: string };
      expect(['EMPTY_FILE', 'CORRUPT_FILE']).toContain(error.code);
      expect(error.message).toContain(path.basename(f.path as string));
    }

    const photos = Object.entries(files).filter(([rel]) => !BAD.includes(rel) && !rel.endsWith('.xmp'));
    const summary = events.at(-1) as Record<string, number>;
    expect(summary.type).toBe('summary');
    expect(summary.uploaded).toBe(photos.length);
    expect(summary.failed).toBe(BAD.length);

    // Once in the album: every photo's content appears exactly once among its album's records.
    const records = stack.backend.listImages();
    expect(records).toHaveLength(photos.length);
    for (const [rel, info] of photos) {
      const album = rel.split('/')[0];
      const albumRecords = records.filter((r) => r.metadatas.relative_path === rel.slice(album.length + 1) && r.metadatas.sha1 === info.sha1);
      expect(albumRecords, rel).toHaveLength(1);
    }
    // Once in the store: one asset per distinct content, each written once.
    const distinct = new Set(photos.map(([, info]) => info.sha1));
    const assets = stack.cloudinary.listAssets();
    expect(assets).toHaveLength(distinct.size);
    expect(assets.every((a) => a.writes === 1)).toBe(true);
    expect(new Set(assets.map((a) => a.public_id))).toEqual(new Set([...distinct].map((s) => `pixdrop/${s}`)));

    // A second run finds everything already there: nothing uploaded, nothing registered again.
    const posts = stack.backend.stats().imagePosts;
    const again = await runCli(['upload', ...folders.filter((f) => !f.endsWith('broken')), '--album-from-folder', '--json'], stack.env);
    expect(again.code, again.stderr).toBe(0);
    const summary2 = ndjson(again.stdout).at(-1) as Record<string, number>;
    expect(summary2).toMatchObject({ uploaded: 0, failed: 0 });
    const validBroken = photos.filter(([rel]) => rel.startsWith('broken/')).length;
    expect(summary2.skipped).toBe(photos.length - validBroken);
    expect(stack.backend.stats().imagePosts).toBe(posts);
  });
});
