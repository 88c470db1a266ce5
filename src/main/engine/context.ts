/** What the engine's steps share: the library, the remote clients, the clock and the event sink. */
import type { EngineEvent } from '../../shared/api';
import type { BackendClient } from './backend/client';
import type { UploadSigner } from './cloudinary/upload';
import type { Db } from './library/db';
import { getJobViews } from './library/job-views';
import type { UploadPace } from './queue/upload-pace';
import type { Clock, EngineConfig, Logger } from './types';

export interface EngineContext {
  db: Db;
  config: EngineConfig;
  logger: Logger;
  clock: Clock;
  backend: BackendClient;
  /** Local signing (CLOUDINARY_URL / demo) or the backend's upload_signature, per album. */
  signerFor(albumId: string): UploadSigner;
  emit(event: EngineEvent): void;
  /**
   * The job's row was written: jobsChanged with its current view follows, once this turn of the event loop
   * is over (every job changed in the same turn in one event, each once, in the order of its last change).
   */
  jobChanged(jobId: number): void;
  /** Bytes of each uploading job sent so far, including the chunk in flight (not persisted). */
  inFlight: Map<number, number>;
  /** How many uploads may run at once (adaptive unless pinned); absent: config.concurrency. */
  pace?: UploadPace;
}

type ContextOptions = Omit<EngineContext, 'inFlight' | 'jobChanged'> & { statusChanged(): void; settled?(jobId: number): void };

/**
 * Job changes announced once per turn of the event loop: a small photo changes five times (claimed to read,
 * read, claimed to send, sent, registered) and several photos change in one turn, so views are read in one
 * query and sent in one event, and the status is said changed once. A job changed again in the same turn is
 * announced once, where its last change was, with its latest view (hosts keep the latest view of each job).
 */
function jobAnnouncer(ctx: EngineContext, o: Pick<ContextOptions, 'statusChanged' | 'settled'>): (jobId: number) => void {
  const pending = new Set<number>();
  let scheduled = false;
  const announce = () => {
    scheduled = false;
    const ids = [...pending];
    pending.clear();
    // Jobs stopped as the engine closes still say they changed: the library is shut, nothing to show.
    if (!ctx.db.open) return;
    try {
      const byId = new Map(getJobViews(ctx.db, ids, (id) => ctx.inFlight.get(id) ?? 0).map((view) => [view.id, view]));
      const views = ids.flatMap((id) => byId.get(id) ?? []);
      if (views.length > 0) ctx.emit({ type: 'jobsChanged', jobs: views });
      for (const view of views) if (view.status === 'done' || view.status === 'skipped') o.settled?.(view.id);
    } catch (error) {
      ctx.logger.warn(`job views not announced: ${(error as Error).message}`);
    }
    o.statusChanged();
  };
  return (jobId) => {
    pending.delete(jobId);
    pending.add(jobId);
    if (scheduled) return;
    scheduled = true;
    setImmediate(announce);
  };
}

/** The context over an open library and the remote side; jobChanged announces the job's view, then the status. */
export function createEngineContext(o: ContextOptions): EngineContext {
  const { statusChanged, settled, ...shared } = o;
  const ctx: EngineContext = {
    ...shared,
    inFlight: new Map(),
    jobChanged: (jobId) => announce(jobId),
  };
  const announce = jobAnnouncer(ctx, { statusChanged, settled });
  return ctx;
}
