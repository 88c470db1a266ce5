/** transition(): the job state machine of src/shared/job.ts. */
import { describe, expect, it } from 'vitest';
import { JOB_STATUSES, transition, type JobEvent, type JobStatus } from '../../../src/shared/job';

const walk = (from: JobStatus, events: JobEvent[]) => events.reduce<JobStatus | null>((s, e) => (s === null ? null : transition(s, e)), from);

describe('transition', () => {
  it('follows the happy path to done', () => {
    expect(walk('queued', [{ type: 'hashStarted' }, { type: 'hashed', duplicateInAlbum: false }, { type: 'uploadStarted' }, { type: 'uploaded' }, { type: 'registered' }])).toBe('done');
  });

  it('skips content the album already has', () => {
    expect(walk('queued', [{ type: 'hashStarted' }, { type: 'hashed', duplicateInAlbum: true }])).toBe('skipped');
  });

  it('sends a transient error to waiting and back to the queue', () => {
    expect(walk('uploading', [{ type: 'transientError' }, { type: 'retry' }])).toBe('queued');
    expect(transition('queued', { type: 'transientError' })).toBeNull();
  });

  it('puts every active job back in the queue after a crash, and nothing else', () => {
    for (const status of JOB_STATUSES) {
      const expected = ['hashing', 'uploading', 'registering'].includes(status) ? 'queued' : null;
      expect(transition(status, { type: 'recovered' }), status).toBe(expected);
    }
  });

  it('never leaves a finished job by itself', () => {
    for (const status of ['done', 'skipped'] as JobStatus[]) {
      const events: JobEvent[] = [{ type: 'hashStarted' }, { type: 'uploadStarted' }, { type: 'transientError' }, { type: 'permanentError' }, { type: 'pause' }, { type: 'resume' }, { type: 'retry' }, { type: 'recovered' }];
      for (const event of events) expect(transition(status, event), `${status} + ${event.type}`).toBeNull();
    }
  });

  it('pauses only what is not running, and resumes it', () => {
    expect(transition('queued', { type: 'pause' })).toBe('paused');
    expect(transition('waiting', { type: 'pause' })).toBe('paused');
    expect(transition('uploading', { type: 'pause' })).toBeNull();
    expect(transition('paused', { type: 'resume' })).toBe('queued');
  });

  it('retries a failed file from the queue', () => {
    expect(walk('uploading', [{ type: 'permanentError' }, { type: 'retry' }])).toBe('queued');
    expect(transition('done', { type: 'retry' })).toBeNull();
  });

  it('refuses out-of-order events', () => {
    expect(transition('queued', { type: 'uploaded' })).toBeNull();
    expect(transition('hashing', { type: 'registered' })).toBeNull();
    expect(transition('done', { type: 'hashed', duplicateInAlbum: false })).toBeNull();
  });
});
