/**
 * A damaged library is set aside (renamed with a timestamp, said in one line), never silently
 * reused; a library from a newer PixDrop is refused and left as it is. Then, through the real CLI
 * against a backend that keeps duplicates: after the set-aside nothing is sent or registered again.
 */
import Database from 'better-sqlite3';
import { closeSync, openSync, readdirSync, readFileSync, statSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openLibrary } from '../../../src/main/engine/library/db';
import { upsertFile } from '../../../src/main/engine/library/files';
import { ensureJob } from '../../../src/main/engine/library/jobs';
import { LATEST_VERSION } from '../../../src/main/engine/library/migrations';
import { ndjson, runCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { useTempDir } from '../../helpers/temp-dir';
import { copyFixturePhotos, exactlyOnceReport, startSurvivalStack, type SurvivalStack } from '../survival/harness';

const NOW = Date.UTC(2026, 11, 1, 21, 40, 5, 123);

function libraryWithJobs(dataDir: string, n = 3000): void {
  const db = openLibrary(dataDir);
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const { fileId, changed } = upsertFile(db, { path: `/photos/${i}.jpg`, root: '/photos', relativePath: `${i}.jpg`, size: 1000 + i, mtimeMs: 1, now: 1 });
      ensureJob(db, { fileId, albumId: 'album', albumName: null, bytesTotal: 1000 + i, fileChanged: changed, now: 1 });
    }
  })();
  db.pragma('wal_checkpoint(TRUNCATE)');
  db.close();
}

/** Overwrites `length` bytes at `offset` with a pattern, as a failing disk would. */
function scribble(file: string, offset: number, length: number): void {
  const fd = openSync(file, 'r+');
  writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, offset);
  closeSync(fd);
}

function openedAfterDamage(dataDir: string) {
  const said: string[] = [];
  const db = openLibrary(dataDir, { onSetAside: (m) => said.push(m), now: () => NOW });
  const jobs = (db.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n;
  const version = db.pragma('user_version', { simple: true });
  db.close();
  return { said, jobs, version, files: readdirSync(dataDir).sort() };
}

describe('opening a library', () => {
  it('sets aside one whose pages are damaged (PRAGMA quick_check fails) and starts a new one', () => {
    const dir = useTempDir();
    libraryWithJobs(dir);
    const file = path.join(dir, 'library.sqlite');
    const size = statSync(file).size;
    // Past the first pages (schema), inside the tables' b-trees.
    scribble(file, Math.floor(size / 2 / 4096) * 4096, 4096 * 4);
    const damaged = readFileSync(file);

    const opened = openedAfterDamage(dir);
    expect(opened.jobs).toBe(0);
    expect(opened.version).toBe(LATEST_VERSION);
    const aside = 'library.sqlite.damaged-2026-12-01T21-40-05-123Z';
    expect(opened.files).toContain(aside);
    expect(readFileSync(path.join(dir, aside)).equals(damaged)).toBe(true); // kept as it was, for inspection
    expect(opened.said).toHaveLength(1);
    expect(opened.said[0]).toContain(dir);
    expect(opened.said[0]).toMatch(
      /is damaged \(integrity check: .+\): it was moved to library\.sqlite\.damaged-2026-12-01T21-40-05-123Z and a new one started/,
    );
  });

  it('sets aside a file that is not a database at all, with its WAL', () => {
    const dir = useTempDir();
    libraryWithJobs(dir, 10);
    scribble(path.join(dir, 'library.sqlite'), 0, 100);
    const opened = openedAfterDamage(dir);
    expect(opened.jobs).toBe(0);
    expect(opened.said[0]).toMatch(/SQLITE_NOTADB/);
    expect(opened.files.filter((f) => f.includes('damaged'))).toEqual(['library.sqlite.damaged-2026-12-01T21-40-05-123Z']);
  });

  it('opens a sound library as it is, saying nothing', () => {
    const dir = useTempDir();
    libraryWithJobs(dir, 50);
    const opened = openedAfterDamage(dir);
    expect(opened).toMatchObject({ jobs: 50, said: [] });
    expect(opened.files.some((f) => f.includes('damaged'))).toBe(false);
  });
});

describe('pixdrop upload with a library it cannot use as it is', () => {
  let stack: SurvivalStack;
  afterEach(() => stack?.close());

  it('refuses a library from a newer PixDrop (exit 2, one line) and leaves it untouched', async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    const dataDir = path.join(stack.dir, 'newer');
    libraryWithJobs(dataDir, 5);
    const db = new Database(path.join(dataDir, 'library.sqlite'));
    db.pragma(`user_version = ${LATEST_VERSION + 100}`);
    db.close();
    const folder = path.join(stack.dir, 'Trip');
    copyFixturePhotos(folder);
    const run = await runCli(['upload', folder, '--album-from-folder'], stack.envFor('newer'));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/written by a newer PixDrop \(schema \d+, this one knows \d+\)\. Update PixDrop\./);
    const after = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true });
    expect(after.pragma('user_version', { simple: true })).toBe(LATEST_VERSION + 100);
    expect((after.prepare('SELECT COUNT(*) AS n FROM jobs').get() as { n: number }).n).toBe(5);
    after.close();
    expect(stack.backend.stats().imagePosts).toBe(0);
  });

  it('sets a damaged library aside, says so in one line, and sends nothing again (backend without dedup)', async () => {
    requireBuiltCli();
    stack = await startSurvivalStack({ backend: { duplicates: true } });
    const folder = path.join(stack.dir, 'Trip');
    const photos = copyFixturePhotos(folder);
    const args = ['upload', folder, '--album-from-folder', '--json'];
    expect((await runCli(args, stack.envFor('data'))).code).toBe(0);
    const file = path.join(stack.dir, 'data', 'library.sqlite');
    const size = statSync(file).size;
    scribble(file, Math.max(4096, Math.floor(size / 2 / 4096) * 4096), 4096 * 2);
    const posts = stack.backend.stats().imagePosts;
    const bytes = stack.cloudinary.stats().bytesReceived;

    const run = await runCli(args, stack.envFor('data'));
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stderr.split('\n').filter((l) => /damaged/.test(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^pixdrop: The library in .+ is damaged \(.+\): it was moved to library\.sqlite\.damaged-\S+ and a new one started/);
    expect(ndjson(run.stdout).find((e) => e.type === 'summary')).toMatchObject({ uploaded: 0, skipped: photos.length, failed: 0 });
    expect(stack.backend.stats().imagePosts - posts).toBe(0);
    expect(stack.cloudinary.stats().bytesReceived - bytes).toBe(0);
    expect(exactlyOnceReport(stack, photos).perPhoto.map((p) => p.records)).toEqual(photos.map(() => 1));
    expect(readdirSync(path.join(stack.dir, 'data')).filter((f) => f.startsWith('library.sqlite.damaged-'))).toHaveLength(1);
  });
});
