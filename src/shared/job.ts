/**
 * The upload job state machine, pure. One status per job and no boolean flags; the table of every
 * (status, event) → status is in docs/architecture.md ("The job's status") and a test holds this
 * function to it. The library's one writer (`applyJobEvent` in engine/library/jobs.ts) asks this
 * function for every status change and saves it compare-and-set, so a pause or cancel that raced a
 * running step is never overwritten.
 *
 *   queued → hashing → queued (hashed) → uploading → registering → done
 *                 ↘ skipped (the album already has this content) ↙
 *   working → waiting (transient error, retry at next_attempt_at) → queued
 *   working → failed (permanent, with ErrorCode) → queued (retry)
 *   queued / waiting / hashing / uploading → paused → queued (resume)
 *   anything not settled but registering, and failed → cancelled → queued only when added again
 *   done / skipped → replaced (a newer upload of the same path took its place in the album)
 *   done → queued (its RAW or clip arrived after it was registered: sent and linked to the same album photo)
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
  'cancelled',
  'replaced',
] as const;

export type JobStatus = (typeof JOB_STATUSES)[number];

export const JOB_EVENTS = [
  'hashClaimed', // the scheduler took a queued job without sha1 to read it
  'hashed', // read: sha1 and metadata recorded, ready to upload
  'foundInAlbum', // the album already has (or is getting) this content
  'uploadClaimed', // the scheduler took a hashed job to send it
  'uploaded', // Cloudinary holds the bytes; registration in the album starts
  'registered', // the album backend has the photo
  'heldBack', // the connection (offline, rate limit, refused token) stopped the step: back to the queue untouched
  'transientError', // retried later (next_attempt_at)
  'readAgain', // the file changed under the step: read it again, then upload what it is now
  'permanentError', // this file cannot be uploaded as it is
  'waitOver', // next_attempt_at has come
  'pause',
  'resume',
  'retry', // a failed file goes back to the queue
  'cancel', // never uploaded unless added again; a running step is aborted
  'addedAgain', // a cancelled file was dropped / found again
  'contentChanged', // a scan found new content at the job's path: a new photo for the album
  'replaced', // a newer upload of the same path replaced the photo in the album
  'companionFound', // a RAW or clip of a registered photo arrived later: send it and link it to that album photo
  'recovered', // at start-up: a row caught mid-work by a crash goes back to the queue
] as const;

export type JobEventType = (typeof JOB_EVENTS)[number];
export type JobEvent = { type: JobEventType };

/** What a status means to the queue. */
export type StatusKind = 'ready' | 'working' | 'held' | 'settled';

/** A status that is not handled here does not compile (`unhandled` takes `never`). */
export function kindOf(status: JobStatus): StatusKind {
  switch (status) {
    case 'queued':
      return 'ready';
    case 'hashing':
    case 'uploading':
    case 'registering':
      return 'working';
    case 'waiting':
    case 'paused':
      return 'held';
    case 'done':
    case 'skipped':
    case 'failed':
    case 'cancelled':
    case 'replaced':
      return 'settled';
    default:
      return unhandled(status);
  }
}

function unhandled(value: never): never {
  throw new Error(`unhandled job status or event: ${String(value)}`);
}

export const FINAL_STATUSES: ReadonlySet<JobStatus> = new Set(JOB_STATUSES.filter((s) => kindOf(s) === 'settled'));

export function isActive(status: JobStatus): boolean {
  return kindOf(status) === 'working';
}

const when = (ok: boolean, next: JobStatus): JobStatus | null => (ok ? next : null);

/** Returns the next status, or null when the event does not apply in this status. */
export function transition(status: JobStatus, event: JobEvent): JobStatus | null {
  const working = kindOf(status) === 'working';
  switch (event.type) {
    case 'hashClaimed':
      return when(status === 'queued', 'hashing');
    case 'hashed':
      return when(status === 'hashing', 'queued');
    case 'foundInAlbum':
      return when(status === 'hashing' || status === 'uploading', 'skipped');
    case 'uploadClaimed':
      return when(status === 'queued', 'uploading');
    case 'uploaded':
      return when(status === 'uploading', 'registering');
    case 'registered':
      return when(status === 'registering', 'done');
    case 'heldBack':
    case 'readAgain':
    case 'recovered':
      // Their saved progress (bytes_confirmed, the Cloudinary answer) decides where they resume.
      return when(working, 'queued');
    case 'transientError':
      return when(working, 'waiting');
    case 'permanentError':
      return when(working, 'failed');
    case 'waitOver':
      return when(status === 'waiting', 'queued');
    case 'pause':
      // Registration is one quick request that must not be torn in two: it finishes.
      return when(status === 'queued' || status === 'waiting' || status === 'hashing' || status === 'uploading', 'paused');
    case 'resume':
      return when(status === 'paused', 'queued');
    case 'retry':
      return when(status === 'failed', 'queued');
    case 'cancel':
      return when((kindOf(status) !== 'settled' && status !== 'registering') || status === 'failed', 'cancelled');
    case 'addedAgain':
      return when(status === 'cancelled', 'queued');
    case 'contentChanged':
      // A transfer under way finds the change itself (FILE_CHANGED); a replaced job stays history.
      return when(status !== 'uploading' && status !== 'registering' && status !== 'replaced', 'queued');
    case 'replaced':
      return when(status === 'done' || status === 'skipped', 'replaced');
    case 'companionFound':
      return when(status === 'done', 'queued');
    default:
      return unhandled(event.type);
  }
}

/** The statuses a cancel takes out of the queue (queued, uploading, paused, failed…; not a registration under way). */
export const CANCELLABLE_STATUSES: readonly JobStatus[] = JOB_STATUSES.filter((status) => transition(status, { type: 'cancel' }) !== null);

/** How many files a cancel of everything would take out of the queue ("Cancel all" says it before it acts). */
export function cancellableCount(byStatus: Record<JobStatus, number>): number {
  return CANCELLABLE_STATUSES.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
}
