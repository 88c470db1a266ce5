/**
 * Recording hashed photos, each in its own savepoint: one whose row is refused is handed back to be settled
 * as that job's failure, while a library that cannot write at all (a full disk) throws and keeps them all.
 */
import type { EngineContext } from '../context';
import type { JobRow } from '../library/jobs';
import { recordInspection, type HashOutcome } from '../pipeline/hash-step';

/** A write refused because of this one row (its data), not because the library cannot write at all. */
function rowFault(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return typeof code !== 'string' || !code.startsWith('SQLITE_') || /^SQLITE_(CONSTRAINT|MISMATCH|TOOBIG)/.test(code);
}

export interface RecordedHashes {
  recorded: number[];
  refused: Array<{ job: JobRow; error: unknown }>;
}

export function recordHashed(ctx: EngineContext, batch: HashOutcome[], now: number): RecordedHashes {
  const recorded: number[] = [];
  const refused: RecordedHashes['refused'] = [];
  for (const outcome of batch) {
    try {
      if (ctx.db.transaction(() => recordInspection(ctx, outcome, now))()) recorded.push(outcome.job.id);
    } catch (error) {
      if (!rowFault(error)) throw error;
      refused.push({ job: outcome.job, error });
    }
  }
  return { recorded, refused };
}
