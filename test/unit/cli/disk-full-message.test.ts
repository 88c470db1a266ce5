/** A full disk, from whichever layer it escapes, reads as one sentence saying what to do; other errors stay themselves. */
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src/shared/errors';
import { fatalMessage, isDiskFull, reportFatal } from '../../../src/main/cli/exit';
import { isDiskFullError } from '../../../src/main/engine/library/db';

function coded(code: string, message = 'x'): Error {
  return Object.assign(new Error(message), { code });
}

describe('full disk', () => {
  it('is recognised from SQLite, Node and our own errors, also as a cause', () => {
    expect(isDiskFull(coded('SQLITE_FULL', 'database or disk is full'))).toBe(true);
    expect(isDiskFull(coded('ENOSPC'))).toBe(true);
    expect(isDiskFull(new AppError('INTERNAL', 'wrapped', { cause: coded('SQLITE_FULL') }))).toBe(true);
    expect(isDiskFull(new AppError('DISK_FULL', 'ours'))).toBe(true);
    expect(isDiskFull(coded('SQLITE_BUSY'))).toBe(false);
    expect(isDiskFull(new Error('plain'))).toBe(false);
  });

  it('counts an SQLite I/O error as a full disk only when the disk is nearly full', () => {
    expect(isDiskFullError('SQLITE_IOERR_WRITE', 10_000)).toBe(true);
    expect(isDiskFullError('SQLITE_IOERR_WRITE', 50 * 1024 * 1024)).toBe(false);
    expect(isDiskFullError('SQLITE_IOERR_WRITE', null)).toBe(false);
    expect(isDiskFullError('SQLITE_IOERR_SHMSIZE', null)).toBe(true);
  });

  it('tells the person to free space and that nothing was lost, without the raw SQLite text', () => {
    const line = fatalMessage(coded('SQLITE_FULL', 'database or disk is full'));
    expect(line).toMatch(/disk .* is full/i);
    expect(line).toMatch(/free some space/i);
    expect(line).toMatch(/nothing was lost/);
    expect(fatalMessage(new AppError('NETWORK', 'The connection broke.'))).toBe('The connection broke.');
  });

  it('exits 1 for a full disk and 2 for bad configuration', () => {
    const write = process.stderr.write;
    process.stderr.write = (() => true) as typeof process.stderr.write;
    try {
      expect(reportFatal(coded('SQLITE_FULL'))).toBe(1);
      expect(reportFatal(new AppError('CONFIG', 'PIXDROP_CHUNK_SIZE must be at least 5242880'))).toBe(2);
    } finally {
      process.stderr.write = write;
    }
  });
});
