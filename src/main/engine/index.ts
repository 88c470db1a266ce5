/**
 * createEngine: the one engine behind every host (Electron main, CLI, `serve`). It owns the
 * library, the queue and the remote clients; hosts only call PixdropApi and listen to events.
 */
import { existsSync } from 'node:fs';
import type { EngineEvent, PixdropApi, UploadTarget } from '../../shared/api';
import { AppError, toView } from '../../shared/errors';
import { attempt, editPhoto, flushPendingEdits, makeQueries, settingsView } from './commands/api-methods';
import { openControlChannel, type ControlChannel } from './commands/control-channel';
import { callEngine } from './commands/call-engine';
import { createQueueCommands } from './commands/queue-commands';
import { createConnectionMonitor } from './queue/connection';
import type { EngineContext } from './context';
import { enqueuePaths, type EnqueueOptions } from './commands/enqueue';
import { listDirectory } from './commands/folders';
import { acquireInstanceLock, type InstanceLock } from './instance-lock';
import { asLibraryError, openLibrary, type Db } from './library/db';
import { jobsWithPendingEdits, recoverInterrupted } from './library/jobs';
import { getJobView } from './library/job-views';
import { createScheduler } from './queue/scheduler';
import { createRemote } from './backend/remote';
import { sameUrl, updateSettings, type SecretCodec } from './settings';
import { connectionNotices } from './status/notices';
import { waitUntilSettled } from './queue/settled';
import { buildStatus } from './status/status';
import { createStatusFeed } from './status/status-feed';
import { createThroughput } from './queue/throughput';
import { createWatchManager } from './discover/watch-manager';
import { systemClock, type Clock, type Engine, type EngineConfig, type Logger } from './types';
import { parseCloudinaryUrl } from './cloudinary/config';
import { bandwidth } from './config';
import { engineDiagnostics } from './diagnostics/view';

export interface CreateEngineOptions {
  config: EngineConfig;
  logger: Logger;
  clock?: Clock;
  secretCodec?: SecretCodec;
  /** How long to wait for another process holding the data dir (default 30 s). */
  lockWaitMs?: number;
  onLockWait?: () => void;
  /** The library was damaged, set aside and started afresh: the one line that says so (also logged). */
  onLibrarySetAside?: (message: string) => void;
  /** Start the persisted folder watches (desktop, serve, watch); `upload` and queries don't. */
  watch?: boolean;
  /**
   * Started by the host once the lock is held (the demo servers when nothing is configured): returns the
   * ordinary configuration the engine runs with, and is closed after the engine stopped.
   */
  startServices?: (config: EngineConfig) => Promise<HostServices>;
  /** No byte moving for this long aborts a transfer (default: config.stallTimeoutMs, from PIXDROP_STALL_TIMEOUT_MS, else 60 s). */
  stallTimeoutMs?: number;
  /** The sample photos shipped beside the build (samples/), for a first try; absent = none shipped. */
  samplesDir?: string;
}

/** What a host starts for the engine once the data dir is its own (the demo servers), and stops after it. */
export interface HostServices {
  config: EngineConfig;
  close(): Promise<void>;
}

/** The data dir made this engine's own: the instance lock, the library, the host's services (demo servers). */
async function openDataDir(o: CreateEngineOptions): Promise<{ lock: InstanceLock; db: Db; services: HostServices | null; config: EngineConfig }> {
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

function samplesFolder(dir: string | undefined): string {
  if (dir && existsSync(dir)) return dir;
  throw new AppError('REJECTED', `This copy of PixDrop has no sample photos (${dir ?? 'samples/'} is missing). Add a folder of your own photos instead.`);
}

export async function createEngine(o: CreateEngineOptions): Promise<Engine> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger.child('engine');
  const stallTimeoutMs = o.stallTimeoutMs ?? o.config.stallTimeoutMs;
  const { lock, db, services, config } = await openDataDir(o);
  const listeners = new Set<(event: EngineEvent) => void>();
  const emit = (event: EngineEvent) => listeners.forEach((l) => l(event));
  const remote = createRemote({ db, config, clock, logger, secretCodec: o.secretCodec });
  const throughput = createThroughput();
  let scanning = 0;
  let paused = false;
  let control: ControlChannel | null = null;

  const ctx: EngineContext = {
    db,
    config,
    logger,
    clock,
    backend: remote.backend,
    signerFor: (albumId) => remote.signerFor(albumId),
    emit,
    inFlight: new Map(),
    jobChanged(jobId) {
      const view = getJobView(db, jobId, ctx.inFlight.get(jobId) ?? 0);
      if (view) emit({ type: 'jobsChanged', jobs: [view] });
      statusChanged();
    },
  };
  const status = () =>
    buildStatus({
      db,
      demoMode: config.demoMode,
      paused,
      connection: connection.state(),
      scanning: scanning > 0,
      inFlight: ctx.inFlight,
      throughput,
      now: clock.now(),
    });
  const feed = createStatusFeed({ status, emit, listened: () => listeners.size > 0 });
  const statusChanged = () => feed.changed();
  const notices = connectionNotices({ clock, emit, backOnline: () => sendPendingEdits() });
  const connection = createConnectionMonitor({
    clock,
    logger,
    probe: remote.probe,
    onChange: (state) => {
      // Edits kept while the servers were unreachable go out as soon as they answer again (backOnline).
      notices(state);
      statusChanged();
      scheduler.wake();
    },
  });
  const sendPendingEdits = () => {
    void flushPendingEdits(
      ctx,
      jobsWithPendingEdits(db).map((j) => j.id),
    ).catch((error) => logger.warn(`photo edits kept for later: ${toView(error).message}`));
  };
  const scheduler = createScheduler(ctx, connection, { stallTimeoutMs }, { uploadsHeld: () => paused });
  const watches = createWatchManager({ ctx, enqueue: (paths, target, options) => scan(paths, target, options), wake: () => scheduler.wake() });
  // Progress bars move between chunk acknowledgements too.
  const progressTimer = setInterval(() => {
    for (const id of ctx.inFlight.keys()) ctx.jobChanged(id);
  }, 500);
  progressTimer.unref();

  const commands = createQueueCommands(ctx, scheduler, (value) => {
    paused = value;
  });

  /** Walks and records the paths (drops, `upload`, watched folders) while the status says "scanning". */
  async function scan(paths: string[], target: UploadTarget, options: EnqueueOptions = {}) {
    scanning += 1;
    statusChanged();
    try {
      const result = await enqueuePaths(ctx, paths, target, options);
      for (const problem of result.problems) emit({ type: 'notice', level: 'warning', code: problem.error.code, message: problem.error.message });
      return result;
    } finally {
      scanning -= 1;
      statusChanged();
      scheduler.wake();
    }
  }

  const engine: Engine = {
    config,
    ...makeQueries(ctx),
    async start() {
      const recovered = recoverInterrupted(db, clock.now());
      if (recovered > 0) logger.info(`recovered ${recovered} interrupted job(s); they resume where they stopped`);
      if (o.watch) await watches.start();
      scheduler.wake();
      sendPendingEdits();
      // Commands from other processes on this data dir (`pixdrop retry`) come in here, once the queue runs.
      control = await openControlChannel(config.dataDir, (request) => callEngine(engine, request), logger);
    },
    async stop() {
      await control?.close();
      clearInterval(progressTimer);
      feed.close();
      connection.close();
      await watches.stop();
      await scheduler.stop();
      recoverInterrupted(db, clock.now());
      await services?.close();
      db.close();
      await lock.release();
    },
    enqueuePaths: (paths, target, rules) => scan(paths, target, { rules }),
    waitUntilSettled: (jobIds) => waitUntilSettled(db, (listener) => engine.onEvent(listener), jobIds),
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    subscribe(listener) {
      return engine.onEvent((event) => listener([event]));
    },
    getStatus: () => attempt(() => status()),
    addPaths: (paths, target: UploadTarget) => attempt(async () => ({ queued: (await engine.enqueuePaths(paths, target)).queued })),
    addSamples: () => attempt(async () => ({ queued: (await engine.enqueuePaths([samplesFolder(o.samplesDir)], { albumFromFolder: true })).queued })),
    editPhoto: (jobId, edit) =>
      attempt(() =>
        // An edit that could not reach the backend waits for the connection to come back (probed from now on).
        editPhoto(ctx, jobId, edit, {
          unsent: (error) => {
            if (error.code === 'OFFLINE') connection.markOffline();
          },
        }),
      ),
    ...commands,
    listWatches: () => attempt(() => watches.list()),
    addWatch: (path, target) => attempt(() => watches.add(path, target)),
    removeWatch: (id) => attempt(async () => ({ removed: await watches.remove(id) })),
    getSettings: () => attempt(() => settingsView(ctx)),
    getDiagnostics: () => attempt(() => engineDiagnostics(config, clock)),
    updateSettings: (patch) =>
      attempt(() => {
        if (patch.cloudinaryUrl) parseCloudinaryUrl(patch.cloudinaryUrl); // refuse a malformed URL before saving it
        const limit = patch.bwlimit === undefined ? undefined : bandwidth('bwlimit', patch.bwlimit ?? 'off');
        const backendNow = config.demoMode ? null : config.backendUrl;
        updateSettings(config.dataDir, patch, o.secretCodec, { currentBackendUrl: backendNow });
        if (patch.concurrency) config.concurrency = patch.concurrency;
        if (patch.chunkSize) config.chunkSize = patch.chunkSize;
        if (limit !== undefined) config.bwlimit = limit; // read before every piece: transfers under way follow
        // A token for a new backend URL waits for the next start, when that URL is used: the running client still talks to the old one.
        if (patch.token && !config.demoMode && (patch.backendUrl === undefined || sameUrl(patch.backendUrl, backendNow))) {
          config.apiToken = patch.token;
          connection.credentialsChanged();
        }
        scheduler.wake();
        return settingsView(ctx);
      }),
    listDirectory: (dir) => attempt(() => listDirectory(dir)),
    chooseFolder: async () => ({ ok: false, error: { code: 'REJECTED', message: 'Choosing a folder needs the desktop app; type the folder path instead.' } }),
  } satisfies Engine & PixdropApi;
  return engine;
}
