/** Builds the EngineStatus the UI and CLI show, from the library and the live counters. */
import type { ConnectionState, EngineStatus } from '../../../shared/api';
import { countByStatus } from '../library/job-views';
import type { Db } from '../library/db';
import type { Throughput } from '../queue/throughput';

export function buildStatus(o: {
  db: Db;
  demoMode: boolean;
  paused: boolean;
  connection: ConnectionState;
  scanning: boolean;
  inFlight: Map<number, number>;
  throughput: Throughput;
  now: number;
  jobIds?: number[];
}): EngineStatus {
  const counts = countByStatus(o.db, o.jobIds);
  let inFlight = 0;
  for (const bytes of o.inFlight.values()) inFlight += bytes;
  // bytes_confirmed of uploading jobs is already counted; in-flight adds only the chunk on the wire.
  const bytesDone = Math.min(counts.bytesTotal, counts.bytesConfirmed + Math.max(0, inFlight - confirmedOfActive(o.db, o.inFlight)));
  o.throughput.sample(bytesDone, o.now);
  return {
    demoMode: o.demoMode,
    paused: o.paused,
    connection: o.connection,
    queue: {
      total: counts.total,
      byStatus: counts.byStatus,
      bytesTotal: counts.bytesTotal,
      bytesDone,
      scanning: o.scanning,
      bytesPerSecond: o.throughput.bytesPerSecond(),
      etaSeconds: o.throughput.etaSeconds(counts.bytesTotal - bytesDone),
    },
  };
}

function confirmedOfActive(db: Db, inFlight: Map<number, number>): number {
  if (inFlight.size === 0) return 0;
  const ids = JSON.stringify([...inFlight.keys()]);
  const row = db.prepare(`SELECT COALESCE(SUM(bytes_confirmed), 0) AS n FROM jobs WHERE id IN (SELECT value FROM json_each(?))`).get(ids) as { n: number };
  return row.n;
}
