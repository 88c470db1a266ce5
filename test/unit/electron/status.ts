import type { EngineStatus } from '../../../src/shared/api';
import { JOB_STATUSES, type JobStatus } from '../../../src/shared/job';

/** An EngineStatus with the given job counts (all others zero). */
export function statusWith(
  counts: Partial<Record<JobStatus, number>>,
  o: Partial<Omit<EngineStatus, 'queue'>> & { bytes?: [number, number]; scanning?: boolean } = {},
): EngineStatus {
  const byStatus = Object.fromEntries(JOB_STATUSES.map((s) => [s, counts[s] ?? 0])) as Record<JobStatus, number>;
  const [bytesDone, bytesTotal] = o.bytes ?? [0, 0];
  return {
    demoMode: o.demoMode ?? false,
    paused: o.paused ?? false,
    connection: o.connection ?? { state: 'online' },
    queue: {
      total: Object.values(byStatus).reduce((a, b) => a + b, 0),
      byStatus,
      bytesTotal,
      bytesDone,
      scanning: o.scanning ?? false,
      bytesPerSecond: 0,
      etaSeconds: null,
    },
  };
}
