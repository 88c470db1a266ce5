/** Labels and filter membership for job statuses. Pure. */
import type { JobQuery } from '../../shared/api';
import { CANCELLABLE_STATUSES, JOB_STATUSES, type JobStatus } from '../../shared/job';
import { english, type Translator } from '../i18n/translate';

export function statusLabel(status: JobStatus, tr: Translator = english): string {
  return tr.t(`status.${status}`);
}

/** The English labels (what the CLI and the tests read). */
export const STATUS_LABELS = Object.fromEntries(JOB_STATUSES.map((status) => [status, statusLabel(status)])) as Record<JobStatus, string>;

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

export function canCancel(status: JobStatus): boolean {
  return CANCELLABLE_STATUSES.includes(status);
}
