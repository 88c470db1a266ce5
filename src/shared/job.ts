/**
 * The upload job state machine, pure. One status per job and no boolean flags:
 *
 *   queued → hashing → queued(hashed) → uploading → registering → done
 *                 ↘ skipped (same content already in the album)
 *   any active → waiting (transient error, retry at next_attempt_at) → queued
 *   any active → failed (permanent, with ErrorCode) → queued (retry)
 *   queued/waiting → paused → queued
 *
 * A job in `queued` with no sha1 yet still needs hashing; with a sha1 it is ready to upload.
 */
export const JOB_STATUSES = [
  'queued',
  'hashing',
  'uploading',
  'registering',
  'done',
  'skipped',
  'waiting',
  'paused',
  'failed',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

export type JobEvent =
  | { type: 'hashStarted' }
  | { type: 'hashed'; duplicateInAlbum: boolean }
  | { type: 'uploadStarted' }
  | { type: 'uploaded' }
  | { type: 'registered' }
  | { type: 'transientError' }
  | { type: 'permanentError' }
  | { type: 'pause' }
  | { type: 'resume' }
  | { type: 'retry' }
  | { type: 'recovered' };

const ACTIVE: ReadonlySet<JobStatus> = new Set(['hashing', 'uploading', 'registering']);
export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(['done', 'skipped', 'failed']);

export function isActive(status: JobStatus): boolean {
  return ACTIVE.has(status);
}

/** Returns the next status, or null when the event does not apply in this status. */
export function transition(status: JobStatus, event: JobEvent): JobStatus | null {
  switch (event.type) {
    case 'hashStarted':
      return status === 'queued' ? 'hashing' : null;
    case 'hashed':
      if (status !== 'hashing') return null;
      return event.duplicateInAlbum ? 'skipped' : 'queued';
    case 'uploadStarted':
      return status === 'queued' ? 'uploading' : null;
    case 'uploaded':
      return status === 'uploading' ? 'registering' : null;
    case 'registered':
      return status === 'registering' || status === 'uploading' ? 'done' : null;
    case 'transientError':
      return isActive(status) ? 'waiting' : null;
    case 'permanentError':
      return isActive(status) || status === 'queued' ? 'failed' : null;
    case 'pause':
      return status === 'queued' || status === 'waiting' ? 'paused' : null;
    case 'resume':
      return status === 'paused' || status === 'waiting' ? 'queued' : null;
    case 'retry':
      return status === 'failed' || status === 'waiting' ? 'queued' : null;
    case 'recovered':
      // After a crash, rows caught mid-work go back to the queue; their saved
      // progress (bytes_confirmed, cloudinary response) decides where they resume.
      return isActive(status) ? 'queued' : null;
  }
}
