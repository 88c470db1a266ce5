/** Test data and settings shared by the unit tests of views (queue rows, events, formatting). */
import { afterEach, beforeEach } from 'vitest';
import type { JobView } from '../../src/shared/api';

/** A queued job view for photo IMG_<id>.JPG; override whatever the test is about. */
export function jobView(id: number, overrides: Partial<JobView> = {}): JobView {
  return {
    id,
    fileId: id,
    path: `/photos/IMG_${id}.JPG`,
    relativePath: `IMG_${id}.JPG`,
    filename: `IMG_${id}.JPG`,
    albumId: 'album-1',
    status: 'queued',
    bytesTotal: 1000,
    bytesDone: 0,
    error: null,
    attempts: 0,
    nextAttemptAt: null,
    publicId: null,
    imageId: null,
    updatedAt: 0,
    ...overrides,
  };
}

/** Runs the surrounding describe block's tests in time zone `tz`, then puts back what was set before (or nothing). */
export function inTimeZone(tz: string): void {
  const saved = process.env.TZ;
  beforeEach(() => {
    process.env.TZ = tz;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.TZ;
    else process.env.TZ = saved;
  });
}
