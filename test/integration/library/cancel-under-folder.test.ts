/** A folder's cancel takes exactly the files below that folder (not a sibling sharing its name's start) that a cancel applies to. */
import { describe, expect, it } from 'vitest';
import { openLibrary } from '../../../src/main/engine/library/db';
import { upsertFile } from '../../../src/main/engine/library/files';
import { applyJobEvent, cancellableJobIdsUnder, countCancellableUnder, ensureJob } from '../../../src/main/engine/library/jobs';
import { tempDir } from '../../helpers/stack';

describe('cancellable jobs below a folder', () => {
  it('counts the queued and paused files below the folder (not the cancelled ones), and nothing beside it', () => {
    const db = openLibrary(tempDir('pixdrop-cancel-folder-'));
    try {
      const add = (file: string) => {
        const { fileId, changed } = upsertFile(db, { path: file, root: '/cards', relativePath: file, size: 10, mtimeMs: 1, now: 1 });
        return ensureJob(db, { fileId, albumId: 'album', albumName: null, bytesTotal: 10, fileChanged: changed, newFile: true, now: 1 }).jobId;
      };
      const queued = add('/cards/A/1.jpg');
      const deep = add('/cards/A/day 2/2.jpg');
      const paused = add('/cards/A/3.jpg');
      applyJobEvent(db, paused, { type: 'pause' }, { now: 2 });
      const cancelled = add('/cards/A/4.jpg');
      applyJobEvent(db, cancelled, { type: 'cancel' }, { now: 2 });
      add('/cards/AB/5.jpg'); // a sibling whose name starts the same
      add('/cards/A%/6.jpg'); // LIKE wildcards are plain characters here

      expect(cancellableJobIdsUnder(db, '/cards/A').sort()).toEqual([queued, deep, paused].sort());
      expect(countCancellableUnder(db, '/cards/A/')).toBe(3);
      expect(countCancellableUnder(db, '/cards/A%')).toBe(1);
      expect(countCancellableUnder(db, '/elsewhere')).toBe(0);
    } finally {
      db.close();
    }
  });
});
