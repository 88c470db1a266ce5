/** The status words on each queue row, which tab a job appears under, and which buttons it offers. */
import { describe, expect, it } from 'vitest';
import { belongsToFilter, canPause, canResume, STATUS_LABELS, type JobFilter } from '../../../src/renderer/lib/jobStatus';
import { JOB_STATUSES, transition } from '../../../src/shared/job';

describe('STATUS_LABELS', () => {
  it('names every status in words, each one different', () => {
    // The words that are not the status's own name, as a photographer reads them.
    expect([STATUS_LABELS.hashing, STATUS_LABELS.registering, STATUS_LABELS.done, STATUS_LABELS.skipped, STATUS_LABELS.waiting]).toEqual([
      'Reading',
      'Adding to album',
      'Uploaded',
      'Already in the album',
      'Waiting to retry',
    ]);
    expect(Object.keys(STATUS_LABELS).sort()).toEqual([...JOB_STATUSES].sort());
    expect(Object.values(STATUS_LABELS).every((label) => /^[A-Z][a-z ]+$/.test(label))).toBe(true);
    expect(new Set(Object.values(STATUS_LABELS)).size).toBe(JOB_STATUSES.length);
  });
});

describe('belongsToFilter', () => {
  const under = (filter: JobFilter) => JOB_STATUSES.filter((s) => belongsToFilter(s, filter));

  it('puts each status under exactly one of the Active / Failed / Done tabs', () => {
    expect(under('active')).toEqual(['queued', 'hashing', 'uploading', 'registering', 'waiting', 'paused']);
    expect(under('failed')).toEqual(['failed']);
    expect(under('done')).toEqual(['done', 'skipped', 'cancelled', 'replaced']);
    for (const status of JOB_STATUSES) {
      const tabs = (['active', 'failed', 'done'] as const).filter((f) => belongsToFilter(status, f));
      expect(tabs, status).toHaveLength(1);
    }
  });

  it('shows everything under All', () => {
    expect(under('all')).toEqual([...JOB_STATUSES]);
  });
});

describe('row actions', () => {
  it('offers Pause only for jobs not being worked on right now', () => {
    expect(JOB_STATUSES.filter(canPause)).toEqual(['queued', 'waiting']);
  });

  it('offers Resume only for paused jobs', () => {
    expect(JOB_STATUSES.filter(canResume)).toEqual(['paused']);
  });

  it('never offers a button the engine would refuse', () => {
    for (const status of JOB_STATUSES) {
      if (canPause(status)) expect(transition(status, { type: 'pause' }), status).toBe('paused');
      if (canResume(status)) expect(transition(status, { type: 'resume' }), status).toBe('queued');
    }
  });

  it('never offers both Pause and Resume on the same row', () => {
    expect(JOB_STATUSES.filter((s) => canPause(s) && canResume(s))).toEqual([]);
  });
});
