/** Labels and filter membership for job statuses. Pure. */
import type { JobQuery } from '../../shared/api';
import type { JobStatus } from '../../shared/job';

export const STATUS_LABELS: Record<JobStatus, string> = {
  queued: 'Queued',
  hashing: 'Reading',
  uploading: 'Uploading',
  registering: 'Adding to album',
  done: 'Uploaded',
  skipped: 'Already in the album',
  waiting: 'Waiting to retry',
  paused: 'Paused',
  failed: 'Failed',
  cancelled: 'Cancelled',
  replaced: 'Replaced by a newer version',
};

export type JobFilter = NonNullable<JobQuery['filter']>;

const FILTER_MEMBERS: Record<JobFilter, ReadonlySet<JobStatus> | null> = {
  all: null,
  active: new Set(['queued', 'hashing', 'uploading', 'registering', 'waiting', 'paused']),
  failed: new Set(['failed']),
  done: new Set(['done', 'skipped', 'cancelled', 'replaced']),
};

export function belongsToFilter(status: JobStatus, filter: JobFilter): boolean {
  const members = FILTER_MEMBERS[filter];
  return members === null || members.has(status);
}

export function canPause(status: JobStatus): boolean {
  return status === 'queued' || status === 'waiting';
}

export function canResume(status: JobStatus): boolean {
  return status === 'paused';
}
