/**
 * The library of a season stays small: once a photo is registered, its row keeps what resuming,
 * deduplication and the UI need, not the whole Cloudinary answer (several KB of image_metadata,
 * stored twice before). Same content for another album afterwards is still not sent again: the
 * answer comes back from the record of the album that holds it.
 */
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { startTestStack, tempDir, type TestStack } from '../../helpers/stack';

const PHOTO_DIRS = ['cameras', 'iptc-xmp', 'raw', 'gps'];

/** Bytes SQLite uses for the photo tables and their indexes (pages minus their free space). */
function usedBytes(libraryPath: string): { bytes: number; doneJobs: number } {
  const db = new Database(libraryPath, { readonly: true });
  try {
    const tables = ['files', 'jobs', 'assets'];
    const names = db
      .prepare(`SELECT name FROM sqlite_schema WHERE tbl_name IN (${tables.map(() => '?').join(',')})`)
      .all(...tables)
      .map((r) => (r as { name: string }).name);
    const { bytes } = db.prepare(`SELECT SUM(pgsize - unused) AS bytes FROM dbstat WHERE name IN (${names.map(() => '?').join(',')})`).get(...names) as {
      bytes: number;
    };
    const { doneJobs } = db.prepare("SELECT COUNT(*) AS doneJobs FROM jobs WHERE status = 'done'").get() as { doneJobs: number };
    return { bytes, doneJobs };
  } finally {
    db.close();
  }
}

describe('library size per registered photo', () => {
  let stack: TestStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startTestStack();
  });
  afterAll(() => stack?.close());

  it('is at most 1 KB, and a later album with the same photos sends no bytes again', async () => {
    const folders = PHOTO_DIRS.map((d) => path.join(fixturesDir, d)).filter((d) => readdirSync(d).length > 0);
    const first = await runCli(['upload', ...folders, '--album-from-folder', '--json'], stack.env);
    expect(first.code, first.stderr).toBe(0);
    const { bytes, doneJobs } = usedBytes(path.join(stack.dataDir, 'library.sqlite'));
    expect(doneJobs).toBeGreaterThan(20);
    const perPhoto = bytes / doneJobs;
    process.stdout.write(`library: ${bytes} bytes for ${doneJobs} registered photos = ${perPhoto.toFixed(0)} bytes/photo\n`);
    expect(perPhoto).toBeLessThanOrEqual(1024);

    // The same photos under another folder name: a new album, content already on Cloudinary.
    const again = path.join(tempDir(), 'second-album');
    mkdirSync(again);
    const source = path.join(fixturesDir, 'iptc-xmp');
    const photos = readdirSync(source).filter((f) => /\.jpe?g$/i.test(f));
    for (const f of photos) copyFileSync(path.join(source, f), path.join(again, f));
    const uploadsBefore = stack.cloudinary.stats().uploadRequests;
    const second = await runCli(['upload', again, '--album-from-folder', '--json'], stack.env);
    expect(second.code, second.stderr).toBe(0);
    expect(ndjson(second.stdout).filter((e) => e.type === 'file-uploaded')).toHaveLength(photos.length);
    expect(stack.cloudinary.stats().uploadRequests).toBe(uploadsBefore);
    const byFilename = new Map<string, number>();
    for (const record of stack.backend.listImages()) {
      if (!photos.includes(String(record.filename))) continue;
      expect(record.infos.image_metadata, `${record.filename} registered with the whole answer`).toBeTruthy();
      byFilename.set(String(record.filename), (byFilename.get(String(record.filename)) ?? 0) + 1);
    }
    for (const f of photos) expect(byFilename.get(f), f).toBe(2);
  });
});
