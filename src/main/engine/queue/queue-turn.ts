/**
 * One turn of the queue loop, in one library transaction: the photos hashed since the last turn are
 * recorded, waiting jobs whose time has come are released, and the next jobs claimed. A commit per photo
 * and another per claim were most of a scan's library time (dozens of page writes per photo).
 */
import type { EngineContext } from '../context';
import { claimNextJobs, releaseDueWaiting, type JobRow } from '../library/jobs';
import type { HashOutcome } from '../pipeline/hash-step';
import { recordHashed, type RecordedHashes } from './record-hashed';

export interface Turn extends RecordedHashes {
  hashJobs: JobRow[];
  uploadJobs: JobRow[];
}

/** Free slots per kind of work; uploadSlots null = no upload may start now (offline, paused). */
export interface TurnSlots {
  hashSlots: number;
  uploadSlots(): number | null;
}

export function takeTurn(ctx: EngineContext, batch: HashOutcome[], now: number, slots: TurnSlots): Turn {
  return ctx.db.transaction(() => {
    const results = recordHashed(ctx, batch, now);
    releaseDueWaiting(ctx.db, now);
    const hashJobs = claimNextJobs(ctx.db, 'hash', slots.hashSlots, now);
    const uploadSlots = slots.uploadSlots();
    const uploadJobs = uploadSlots === null ? [] : claimNextJobs(ctx.db, 'upload', uploadSlots, now);
    return { ...results, hashJobs, uploadJobs };
  })();
}
