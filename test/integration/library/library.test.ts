/** The library on a real SQLite file: migrations, claiming, and query plans that stay flat at 100,000 jobs. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { openLibrary } from '../../../src/main/engine/library/db';
import { LATEST_VERSION } from '../../../src/main/engine/library/migrations';
import { upsertFile } from '../../../src/main/engine/library/files';
import {
  CLAIM_SQL,
  TWIN_SQL,
  applyJobEvent,
  applyJobEventToMany,
  claimNextJobs,
  ensureJob,
  recoverInterrupted,
  updateJob,
} from '../../../src/main/engine/library/jobs';
import { countByStatus } from '../../../src/main/engine/library/job-views';
import type { EngineContext } from '../../../src/main/engine/context';
import { recordInspection } from '../../../src/main/engine/pipeline/hash-step';
import { useTempDir } from '../../helpers/temp-dir';

function fill(dataDir: string, n: number) {
  const db = openLibrary(dataDir);
  db.transaction(() => {
    for (let i = 0; i < n; i += 1) {
      const { fileId, changed } = upsertFile(db, { path: `/photos/${i}.jpg`, root: '/photos', relativePath: `${i}.jpg`, size: 1000 + i, mtimeMs: 1, now: 1 });
      ensureJob(db, { fileId, albumId: 'album', albumName: null, bytesTotal: 1000 + i, fileChanged: changed, now: 1 });
    }
  })();
  return db;
}

describe('library', () => {
  it('migrates a new file to the latest version and refuses one from a newer PixDrop', () => {
    const dir = useTempDir();
    const db = openLibrary(dir);
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_VERSION);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    db.pragma(`user_version = ${LATEST_VERSION + 10}`);
    db.close();
    expect(() => openLibrary(dir)).toThrow(AppError);
    expect(() => openLibrary(dir)).toThrow(/newer PixDrop/);
  });

  it('claims each job once, in order, and recovers interrupted ones after a crash', () => {
    const db = fill(useTempDir(), 10);
    const first = claimNextJobs(db, 'hash', 4, 1).map((j) => j.id);
    const second = claimNextJobs(db, 'hash', 4, 1).map((j) => j.id);
    expect(first).toEqual([1, 2, 3, 4]);
    expect(second).toEqual([5, 6, 7, 8]);
    expect(countByStatus(db).byStatus.hashing).toBe(8);
    expect(recoverInterrupted(db, 2)).toBe(8);
    expect(countByStatus(db).byStatus.queued).toBe(10);
  });

  it('does not sort the queue to claim the next job, even at 100,000 jobs', () => {
    const db = fill(path.join(useTempDir(), 'big'), 100_000);
    db.transaction(() => {
      for (let id = 1; id <= 50_000; id += 1) updateJob(db, id, { sha1: `sha${id}` }, 2);
    })();
    for (const kind of ['hash', 'upload'] as const) {
      const plan = db.prepare(`EXPLAIN QUERY PLAN ${CLAIM_SQL[kind]}`).all(1, 3) as { detail: string }[];
      const text = plan.map((p) => p.detail).join(' | ');
      expect(text, text).not.toMatch(/TEMP B-TREE/);
      expect(text).toMatch(/jobs_claim_(hash|upload)/);
    }
    const twinPlan = (
      db.prepare(`EXPLAIN QUERY PLAN ${TWIN_SQL}`).all({ sha1: 'sha7', albumKey: 'id:album', albumId: 'album', exceptJobId: 1 }) as { detail: string }[]
    )
      .map((p) => p.detail)
      .join(' | ');
    expect(twinPlan).toMatch(/USING INDEX jobs_sha1/);
    expect(claimNextJobs(db, 'upload', 3, 3).map((j) => j.id)).toEqual([1, 2, 3]);
    expect(claimNextJobs(db, 'hash', 2, 3).map((j) => j.id)).toEqual([50_001, 50_002]);
  });
});

describe('recording a hashed photo', () => {
  const inspected = (sha1: string) => ({ sha1, size: 1000, mtimeMs: 1, mimeType: 'image/jpeg', metadatas: {} as never });
  const ctxFor = (db: ReturnType<typeof openLibrary>) => ({ db, config: {}, clock: { now: () => 3 } }) as unknown as EngineContext;

  it('queues the first photo of a content, skips its twin in the same album, and leaves a job paused meanwhile alone', () => {
    const db = fill(useTempDir(), 3);
    const [first, twin, paused] = claimNextJobs(db, 'hash', 3, 1);
    applyJobEvent(db, paused!.id, { type: 'pause' }, { now: 2 });
    const sha1 = 'a'.repeat(40);
    const recorded = db.transaction(() =>
      [first!, twin!, paused!].map((job) => recordInspection(ctxFor(db), { job, fileId: job.fileId, inspected: inspected(sha1) }, 3)),
    )();
    expect(recorded).toEqual([true, true, false]);
    const rows = db.prepare('SELECT id, status, sha1 FROM jobs ORDER BY id').all();
    expect(rows).toEqual([
      { id: first!.id, status: 'queued', sha1 },
      { id: twin!.id, status: 'skipped', sha1 },
      { id: paused!.id, status: 'paused', sha1: null },
    ]);
  });
});

describe('the status writer (compare-and-set)', () => {
  const hashed = (db: ReturnType<typeof openLibrary>, n: number) => {
    for (let id = 1; id <= n; id += 1) updateJob(db, id, { sha1: `sha${id}` }, 1);
  };

  it('keeps a pause or cancel that landed while the job was uploading: the upload’s own result is refused', () => {
    const db = fill(useTempDir(), 2);
    hashed(db, 2);
    const [a, b] = claimNextJobs(db, 'upload', 2, 2);
    expect([a!.status, b!.status]).toEqual(['uploading', 'uploading']);
    // A second connection, as a command from another place would come.
    const other = openLibrary(path.dirname(db.name));
    expect(applyJobEvent(other, a!.id, { type: 'pause' }, { now: 3 })).toBe('paused');
    expect(applyJobEvent(other, b!.id, { type: 'cancel' }, { now: 3 })).toBe('cancelled');
    other.close();
    // The step still holds its row as 'uploading' and reports its result.
    expect(applyJobEvent(db, a!.id, { type: 'uploaded' }, { now: 4, from: a!.status, patch: { registerAttempts: 1 } })).toBeNull();
    expect(applyJobEvent(db, b!.id, { type: 'transientError' }, { now: 4, patch: { attempts: 1 } })).toBeNull();
    expect(db.prepare('SELECT status, register_attempts, attempts FROM jobs ORDER BY id').all()).toEqual([
      { status: 'paused', register_attempts: 0, attempts: 0 },
      { status: 'cancelled', register_attempts: 0, attempts: 0 },
    ]);
  });

  it('moves many rows with one event, each by its own status, and leaves the others', () => {
    const db = fill(useTempDir(), 4);
    hashed(db, 4);
    claimNextJobs(db, 'upload', 2, 2); // 1, 2 uploading; 3, 4 queued
    applyJobEvent(db, 3, { type: 'cancel' }, { now: 2 });
    expect(applyJobEventToMany(db, { type: 'pause' }, 'all', { now: 3 }).sort()).toEqual([1, 2, 4]);
    expect(applyJobEventToMany(db, { type: 'resume' }, [1, 3], { now: 4 })).toEqual([1]);
    expect((db.prepare('SELECT status FROM jobs ORDER BY id').all() as { status: string }[]).map((r) => r.status)).toEqual([
      'queued',
      'paused',
      'cancelled',
      'paused',
    ]);
  });

  it('brings a cancelled file back only when it is added again, and restarts a finished one whose content changed', () => {
    const db = fill(useTempDir(), 2);
    applyJobEvent(db, 1, { type: 'cancel' }, { now: 2 });
    const again = ensureJob(db, { fileId: 1, albumId: 'album', albumName: null, bytesTotal: 1000, fileChanged: false, now: 3 });
    expect(again.status).toBe('queued');
    hashed(db, 2);
    const [job] = claimNextJobs(db, 'upload', 1, 4);
    expect(job!.id).toBe(1);
    expect(ensureJob(db, { fileId: 1, albumId: 'album', albumName: null, bytesTotal: 2000, fileChanged: true, now: 5 }).status).toBe('uploading');
    expect(ensureJob(db, { fileId: 2, albumId: 'album', albumName: null, bytesTotal: 2000, fileChanged: true, now: 5 }).status).toBe('queued');
    expect(db.prepare('SELECT sha1, bytes_total FROM jobs WHERE id = 2').get()).toEqual({ sha1: null, bytes_total: 2000 });
  });
});
