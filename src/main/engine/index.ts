/**
 * createEngine: the one engine behind every host (Electron main, CLI, `serve`). It owns the
 * library, the queue and the remote clients; hosts only call PixdropApi and listen to events.
 */
import { existsSync } from 'node:fs';
import type { EngineEvent, PixdropApi, UploadTarget } from '../../shared/api';
import { AppError, toView } from '../../shared/errors';
import type { DemoStack } from '../localstack/demo';
import { attempt, editPhoto, failedJobIds, flushPendingEdits, makeQueries, settingsView } from './api-methods';
import { createConnectionMonitor } from './connection';
import type { EngineContext } from './context';
import { enqueuePaths, type EnqueueOptions } from './enqueue';
import { listDirectory } from './folders';
import { acquireInstanceLock } from './instance-lock';
import { asLibraryError, openLibrary, type Db } from './library/db';
import { anyJobWithStatus, getJobView, jobIdsWithStatus, jobsWithPendingEdits, recoverInterrupted, updateJob } from './library/jobs';
import { createScheduler } from './queue/scheduler';
import { createRemote } from './remote';
import { updateSettings, type SecretCodec } from './settings';
import { buildStatus } from './status';
import { createThroughput } from './throughput';
import { createWatchManager } from './watch-manager';
import { systemClock, type Clock, type Engine, type EngineConfig, type Logger } from './types';
import { parseCloudinaryUrl } from './cloudinary/config';

export interface CreateEngineOptions {
  config: EngineConfig;
  logger: Logger;
  clock?: Clock;
  secretCodec?: SecretCodec;
  /** How long to wait for another process holding the data dir (default 30 s). */
  lockWaitMs?: number;
  onLockWait?: () => void;
  /** Start the persisted folder watches (desktop, serve, watch); `upload` and queries don't. */
  watch?: boolean;
  /** No byte moving for this long aborts a transfer (default: config.stallTimeoutMs, from PIXDROP_STALL_TIMEOUT_MS, else 60 s). */
  stallTimeoutMs?: number;
  /** The sample photos shipped beside the build (samples/), for a first try; absent = none shipped. */
  samplesDir?: string;
}

const UNSETTLED = ['queued', 'hashing', 'uploading', 'registering', 'waiting'] as const;

async function withDemo(config: EngineConfig, logger: Logger): Promise<{ config: EngineConfig; demo: DemoStack | null }> {
  if (!config.demoMode) return { config: { ...config }, demo: null };
  // Loaded only in demo mode: the local servers (fastify, busboy, jose) are ~12 MB of memory a configured engine never uses.
  const { startDemoStack } = await import('../localstack/demo');
  const demo = await startDemoStack(config.dataDir, logger);
  logger.info('demo mode: local Cloudinary-compatible server and album backend started');
  return { config: { ...config, cloudinary: demo.cloudinary, backendUrl: demo.backendUrl, apiToken: demo.token }, demo };
}

function samplesFolder(dir: string | undefined): string {
  if (dir && existsSync(dir)) return dir;
  throw new AppError('REJECTED', `This copy of PixDrop has no sample photos (${dir ?? 'samples/'} is missing). Add a folder of your own photos instead.`);
}

export async function createEngine(o: CreateEngineOptions): Promise<Engine> {
  const clock = o.clock ?? systemClock;
  const logger = o.logger.child('engine');
  const stallTimeoutMs = o.stallTimeoutMs ?? o.config.stallTimeoutMs;
  const lock = await acquireInstanceLock(o.config.dataDir, { waitMs: o.lockWaitMs, onWait: o.onLockWait });
  let db: Db;
  let demo: DemoStack | null = null;
  let config: EngineConfig;
  try {
    db = openLibrary(o.config.dataDir);
    ({ config, demo } = await withDemo(o.config, logger));
  } catch (error) {
    lock.release();
    throw error instanceof AppError ? error : asLibraryError(error, o.config.dataDir);
  }
  const listeners = new Set<(event: EngineEvent) => void>();
  const emit = (event: EngineEvent) => listeners.forEach((l) => l(event));
  const remote = createRemote({ db, config, clock, logger });
  const throughput = createThroughput();
  let scanning = 0;
  let paused = false;
  let statusTimer: NodeJS.Timeout | null = null;

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
    buildStatus({ db, demoMode: config.demoMode, paused, connection: connection.state(), scanning: scanning > 0, inFlight: ctx.inFlight, throughput, now: clock.now() });
  // The status query counts the whole queue: coalesce to ≤ 4 per second.
  const statusChanged = () => {
    if (statusTimer || listeners.size === 0) return;
    statusTimer = setTimeout(() => {
      statusTimer = null;
      emit({ type: 'statusChanged', status: status() });
    }, 250);
  };
  let lastConnectionState = 'online';
  const connection = createConnectionMonitor({
    clock,
    logger,
    probe: remote.probe,
    onChange: (state) => {
      if (state.state === 'auth-required') emit({ type: 'notice', level: 'error', code: 'AUTH', message: state.message });
      // Once per pause (a longer Retry-After only moves its end), so the CLI and the UI can say why nothing moves.
      if (state.state === 'rate-limited' && lastConnectionState !== 'rate-limited') {
        const seconds = Math.max(1, Math.round((state.until - clock.now()) / 1000));
        emit({ type: 'notice', level: 'warning', code: 'RATE_LIMITED', message: `The upload server asked PixDrop to slow down: uploads pause for ${seconds} s and resume by themselves.` });
      }
      // Edits kept while the servers were unreachable go out as soon as they answer again.
      if (state.state === 'online' && lastConnectionState !== 'online') sendPendingEdits();
      lastConnectionState = state.state;
      statusChanged();
      scheduler.wake();
    },
  });
  const sendPendingEdits = () => {
    void flushPendingEdits(ctx, jobsWithPendingEdits(db).map((j) => j.id)).catch((error) => logger.warn(`photo edits kept for later: ${toView(error).message}`));
  };
  const scheduler = createScheduler(ctx, connection, { stallTimeoutMs }, { uploadsHeld: () => paused });
  const watches = createWatchManager({ ctx, enqueue: (paths, target, options) => scan(paths, target, options), wake: () => scheduler.wake() });
  // Progress bars move between chunk acknowledgements too.
  const progressTimer = setInterval(() => {
    for (const id of ctx.inFlight.keys()) ctx.jobChanged(id);
  }, 500);
  progressTimer.unref();

  const setStatus = (ids: number[], status: 'paused' | 'queued') => {
    const now = clock.now();
    db.transaction(() => ids.forEach((id) => updateJob(db, id, { status, nextAttemptAt: null, ...(status === 'queued' ? { errorCode: null, errorMessage: null } : {}) }, now)))();
    ids.forEach((id) => ctx.jobChanged(id));
  };

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
    },
    async stop() {
      clearInterval(progressTimer);
      if (statusTimer) clearTimeout(statusTimer);
      connection.close();
      await watches.stop();
      await scheduler.stop();
      recoverInterrupted(db, clock.now());
      await demo?.close();
      db.close();
      lock.release();
    },
    enqueuePaths: (paths, target) => scan(paths, target),
    waitUntilSettled(jobIds) {
      // The check covers the whole run (maybe 50,000 jobs): run it at most every 200 ms after
      // changes, with a slow timer as a fallback, never once per event.
      return new Promise((resolve) => {
        let pending: NodeJS.Timeout | null = null;
        let settled = false;
        const check = () => {
          pending = null;
          if (settled || anyJobWithStatus(db, [...UNSETTLED], jobIds)) return;
          settled = true;
          clearInterval(poll);
          unsubscribe();
          resolve();
        };
        const soon = () => {
          pending ??= setTimeout(check, 200);
        };
        const poll = setInterval(soon, 1000);
        const unsubscribe = engine.onEvent((e) => {
          if (e.type === 'jobsChanged') soon();
        });
        check();
      });
    },
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
    retryJobs: (ids) =>
      attempt(() => {
        const failed = failedJobIds(ctx, ids === 'all-failed' ? undefined : ids);
        db.transaction(() => failed.forEach((id) => updateJob(db, id, { status: 'queued', attempts: 0, errorCode: null, errorMessage: null, nextAttemptAt: null }, clock.now())))();
        failed.forEach((id) => ctx.jobChanged(id));
        scheduler.wake();
        return { requeued: failed.length };
      }),
    pauseJobs: (ids) =>
      attempt(() => {
        if (ids === 'all') paused = true;
        const targets = jobIdsWithStatus(db, ['queued', 'waiting', 'hashing', 'uploading', 'registering'], ids === 'all' ? undefined : ids);
        // Registration is quick and must not be torn in two: let it finish.
        const pausable = targets.filter((id) => getJobView(db, id)?.status !== 'registering');
        setStatus(pausable, 'paused');
        scheduler.abort(pausable);
        return { paused: pausable.length };
      }),
    resumeJobs: (ids) =>
      attempt(() => {
        if (ids === 'all') paused = false;
        const targets = jobIdsWithStatus(db, ['paused'], ids === 'all' ? undefined : ids);
        setStatus(targets, 'queued');
        scheduler.wake();
        return { resumed: targets.length };
      }),
    listWatches: () => attempt(() => watches.list()),
    addWatch: (path, target) => attempt(() => watches.add(path, target)),
    removeWatch: (id) => attempt(async () => ({ removed: await watches.remove(id) })),
    getSettings: () => attempt(() => settingsView(ctx)),
    updateSettings: (patch) =>
      attempt(() => {
        if (patch.cloudinaryUrl) parseCloudinaryUrl(patch.cloudinaryUrl); // refuse a malformed URL before saving it
        updateSettings(config.dataDir, patch, o.secretCodec);
        if (patch.concurrency) config.concurrency = patch.concurrency;
        if (patch.chunkSize) config.chunkSize = patch.chunkSize;
        if (patch.token && !config.demoMode) {
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
