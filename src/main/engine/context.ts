/** What the engine's steps share: the library, the remote clients, the clock and the event sink. */
import type { EngineEvent } from '../../shared/api';
import type { BackendClient } from './backend/client';
import type { UploadSigner } from './cloudinary/upload';
import type { Db } from './library/db';
import { getJobView } from './library/job-views';
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
  /** Emits jobsChanged with the job's current view (after its row was written). */
  jobChanged(jobId: number): void;
  /** Bytes of each uploading job sent so far, including the chunk in flight (not persisted). */
  inFlight: Map<number, number>;
}

/** The context over an open library and the remote side; jobChanged announces the job's view, then the status. */
export function createEngineContext(o: Omit<EngineContext, 'inFlight' | 'jobChanged'> & { statusChanged(): void }): EngineContext {
  const { statusChanged, ...shared } = o;
  const ctx: EngineContext = {
    ...shared,
    inFlight: new Map(),
    jobChanged(jobId) {
      const view = getJobView(ctx.db, jobId, ctx.inFlight.get(jobId) ?? 0);
      if (view) ctx.emit({ type: 'jobsChanged', jobs: [view] });
      statusChanged();
    },
  };
  return ctx;
}
