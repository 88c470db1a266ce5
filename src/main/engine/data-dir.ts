/** The data dir made this engine's own: the instance lock, the library, the host's services (demo servers). */
import { AppError } from '../../shared/errors';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { asLibraryError, openLibrary, type Db } from './library/db';
import type { EngineConfig, Logger } from './types';

/** What a host starts for the engine once the data dir is its own (the demo servers), and stops after it. */
export interface HostServices {
  config: EngineConfig;
  close(): Promise<void>;
}

export interface DataDirOptions {
  config: EngineConfig;
  logger: Logger;
  /** How long to wait for another process holding the data dir (default 30 s). */
  lockWaitMs?: number;
  onLockWait?: () => void;
  /** The library was damaged, set aside and started afresh: the one line that says so (also logged). */
  onLibrarySetAside?: (message: string) => void;
  /**
   * Started by the host once the lock is held (the demo servers when nothing is configured): returns the
   * ordinary configuration the engine runs with, and is closed after the engine stopped.
   */
  startServices?: (config: EngineConfig) => Promise<HostServices>;
}

export interface OpenDataDir {
  lock: InstanceLock;
  db: Db;
  services: HostServices | null;
  config: EngineConfig;
}

export async function openDataDir(o: DataDirOptions): Promise<OpenDataDir> {
  const lock = await acquireInstanceLock(o.config.dataDir, { waitMs: o.lockWaitMs, onWait: o.onLockWait });
  let db: Db | null = null;
  try {
    db = openLibrary(o.config.dataDir, {
      onSetAside: (message) => {
        o.logger.warn(message);
        o.onLibrarySetAside?.(message);
      },
    });
    const services = o.startServices ? await o.startServices(o.config) : null;
    return { lock, db, services, config: services ? services.config : { ...o.config } };
  } catch (error) {
    db?.close();
    await lock.release();
    throw error instanceof AppError ? error : asLibraryError(error, o.config.dataDir);
  }
}
