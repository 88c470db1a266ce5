/**
 * Files queued before a run (put back by `pixdrop retry`, or left by a run that was stopped) are tried by the
 * engine of the next run too. They are not this run's files, so its counts leave them out; what became of
 * them is said in one sentence, so that a retried file failing again is not passed over in silence.
 */
import type { JobView } from '../../shared/api';

const WORKING = new Set<JobView['status']>(['hashing', 'uploading', 'registering', 'waiting']);

export interface EarlierJobs {
  /** Every job change the run's engine announced, this run's own included (they are told apart at the end). */
  seen(job: JobView): void;
  /** What became of the files that were not this run's, or null when there were none. */
  sentence(mine: (id: number) => boolean): string | null;
}

export function earlierJobs(): EarlierJobs {
  const worked = new Set<number>();
  const ended = new Map<number, 'uploaded' | 'failed'>();
  return {
    seen(job) {
      if (WORKING.has(job.status)) worked.add(job.id);
      else if (worked.has(job.id) && (job.status === 'done' || job.status === 'skipped')) ended.set(job.id, 'uploaded');
      else if (worked.has(job.id) && job.status === 'failed') ended.set(job.id, 'failed');
    },
    sentence(mine) {
      const outcomes = [...ended].filter(([id]) => !mine(id)).map(([, outcome]) => outcome);
      if (outcomes.length === 0) return null;
      const failed = outcomes.filter((o) => o === 'failed').length;
      return (
        `This run also tried ${outcomes.length} file(s) queued before it (e.g. by \`pixdrop retry\`): ` +
        `${outcomes.length - failed} uploaded, ${failed} failed; \`pixdrop status\` lists them.`
      );
    },
  };
}
