/**
 * createEngine: the one engine behind every host (Electron main, CLI, `serve`). It owns the
 * library, the queue and the remote clients; hosts only call PixdropApi and listen to events.
 * This file only wires the parts: data-dir.ts (lock, library, host services), context.ts,
 * status/ (events, status feed, notices), queue/ (connection, scheduler), discover/ (watches),
 * commands/ (what the API asks).
 */
import type { EngineStatus, PixdropApi, UploadTarget } from '../../shared/api';
import { toView } from '../../shared/errors';
import { attempt, editPhoto, flushPendingEdits, makeQueries, settingsView } from './commands/api-methods';
import { openControlChannel, type ControlChannel } from './commands/control-channel';
import { callEngine } from './commands/call-engine';
import { createQueueCommands, type QueueCommands } from './commands/queue-commands';
import { listDirectory } from './commands/folders';
import { samplesFolder } from './commands/samples';
import { createScanner, type Scanner } from './commands/scan-paths';
import { applySettings } from './commands/update-settings';
import { createEngineContext, type EngineContext } from './context';
import { openDataDir, type DataDirOptions, type OpenDataDir } from './data-dir';
import { createWatchManager, type WatchManager } from './discover/watch-manager';
import { createIgnoredLog, type IgnoredLog } from './discover/ignored-log';
import { planUpload } from './commands/plan';
import { toPlanView } from './commands/plan-view';
import { finishedUploadAt } from './library/replacements';
import { engineDiagnostics } from './diagnostics/view';
import { jobsWithPendingEdits, recoverInterrupted } from './library/jobs';
import { getJobViews } from './library/job-views';
import { createConnectionMonitor, type ConnectionMonitor } from './queue/connection';
import { createScheduler, type Scheduler } from './queue/scheduler';
import { waitUntilSettled } from './queue/settled';
import { createThroughput } from './queue/throughput';
import { createUploadPace } from './queue/upload-pace';
import { createFreer, type Freer } from './free/freer';
import { createRemote } from './backend/remote';
import type { SecretCodec } from './settings';
import { createEventHub, type EventHub } from './status/event-hub';
import { connectionNotices } from './status/notices';
import { startProgressTicker } from './status/progress-ticker';
import { buildStatus } from './status/status';
import { createStatusFeed, type StatusFeed } from './status/status-feed';
import { stallTimeout } from './net/stall';
import { systemClock, type Clock, type Engine } from './types';

export type { HostServices } from './data-dir';

export interface CreateEngineOptions extends DataDirOptions {
  clock?: Clock;
  secretCodec?: SecretCodec;
  /** Start the persisted folder watches (desktop, serve, watch); `upload` and queries don't. */
  watch?: boolean;
  /** The sample photos shipped beside the build (samples/), for a first try; absent = none shipped. */
  samplesDir?: string;
}

/** The engine's running parts, wired to each other. */
interface Parts {
  ctx: EngineContext;
  hub: EventHub;
  feed: StatusFeed;
  connection: ConnectionMonitor;
  scheduler: Scheduler;
  scanner: Scanner;
  freer: Freer;
  ignoredLog: IgnoredLog;
  watches: WatchManager;
  commands: QueueCommands;
  status(): EngineStatus;
  sendPendingEdits(): void;
  stopProgress(): void;
}

/** Sends the photo edits kept while the servers were unreachable. */
function pendingEditsSender(ctx: EngineContext): () => void {
  return () => {
    void flushPendingEdits(
      ctx,
      jobsWithPendingEdits(ctx.db).map((j) => j.id),
    ).catch((error) => ctx.logger.warn(`photo edits kept for later: ${toView(error).message}`));
  };
}

function wireParts(o: CreateEngineOptions, { db, config }: OpenDataDir): Parts {
  const clock = o.clock ?? systemClock;
  const logger = o.logger.child('engine');
  const hub = createEventHub();
  const remote = createRemote({ db, config, clock, logger, secretCodec: o.secretCodec });
  const throughput = createThroughput();
  let paused = false;
  const ctx = createEngineContext({
    db,
    config,
    logger,
    clock,
    backend: remote.backend,
    signerFor: (id) => remote.signerFor(id),
    pace: createUploadPace(config, { now: () => clock.now() }),
    emit: hub.emit,
    statusChanged: () => feed.changed(),
    // --after-upload: a photo done or already in its album may free its file (the freer verifies first).
    settled: (jobId) => freer.jobSettled(jobId),
  });
  const status = () =>
    buildStatus({
      db,
      demoMode: config.demoMode,
      paused,
      connection: connection.state(),
      scanning: scanner.scanning(),
      inFlight: ctx.inFlight,
      throughput,
      now: clock.now(),
      concurrency: ctx.pace?.limit(),
    });
  const feed = createStatusFeed({ status, emit: hub.emit, listened: hub.listened });
  const sendPendingEdits = pendingEditsSender(ctx);
  const notices = connectionNotices({ clock, emit: hub.emit, backOnline: () => sendPendingEdits() });
  const onConnectionChange = (state: Parameters<typeof notices>[0]) => {
    // Edits kept while the servers were unreachable go out as soon as they answer again (backOnline).
    notices(state);
    feed.changed();
    scheduler.wake();
  };
  const connection = createConnectionMonitor({ clock, logger, probe: remote.probe, onChange: onConnectionChange });
  const scheduler = createScheduler(ctx, connection, { stallTimeoutMs: stallTimeout(config.stallTimeoutMs) }, { uploadsHeld: () => paused });
  ctx.pace?.onRaise(() => scheduler.wake());
  const ignoredLog = createIgnoredLog({ now: () => clock.now(), emit: hub.emit });
  const freer = createFreer(ctx, { held: () => scanner.scanning() });
  const scanner = createScanner(ctx, {
    statusChanged: () => feed.changed(),
    wake: () => scheduler.wake(),
    ignored: (files) => ignoredLog.add(files),
    // An action under way ends first: the walk must not list a file that is being moved away; after the walk,
    // files already in their album and actions held back while it ran.
    before: () => freer.idle(),
    after: () => freer.sweep(),
  });
  const watches = createWatchManager({ ctx, enqueue: (paths, target, options) => scanner.scan(paths, target, options), wake: () => scheduler.wake() });
  const stopProgress = startProgressTicker(ctx);
  const commands = createQueueCommands(ctx, scheduler, (value) => {
    paused = value;
  });
  return { ctx, hub, feed, connection, scheduler, scanner, freer, ignoredLog, watches, commands, status, sendPendingEdits, stopProgress };
}

/** Starting and stopping: recovery, watches, the control channel; and everything closed in reverse. */
function lifecycle(o: CreateEngineOptions, opened: OpenDataDir, p: Parts, engine: () => Engine): Pick<Engine, 'start' | 'stop'> {
  const { db, config, lock, services } = opened;
  const { clock, logger } = p.ctx;
  let control: ControlChannel | null = null;
  return {
    async start() {
      const recovered = recoverInterrupted(db, clock.now());
      if (recovered > 0) logger.info(`recovered ${recovered} interrupted job(s); they resume where they stopped`);
      if (o.watch) await p.watches.start();
      p.scheduler.wake();
      p.freer.sweep(); // actions a kill interrupted, or whose photo reached the album in an earlier run
      p.sendPendingEdits();
      // Commands from other processes on this data dir (`pixdrop retry`) come in here, once the queue runs.
      control = await openControlChannel(config.dataDir, (request) => callEngine(engine(), request), logger);
    },
    async stop() {
      await control?.close();
      p.stopProgress();
      p.feed.close();
      p.connection.close();
      await p.watches.stop();
      await p.scheduler.stop();
      await p.freer.stop();
      recoverInterrupted(db, clock.now());
      await services?.close();
      db.close();
      await lock.release();
    },
  };
}

/** The API over the wired parts: each call answers a Result, never throws. */
function engineApi(o: CreateEngineOptions, opened: OpenDataDir, p: Parts): Engine {
  const { ctx, watches, connection, scheduler } = p;
  const engine: Engine = {
    config: opened.config,
    ...makeQueries(ctx),
    ...lifecycle(o, opened, p, () => engine),
    enqueuePaths: (paths, target, rules) => p.scanner.scan(paths, target, { rules }),
    async finishFrees() {
      p.freer.sweep();
      await p.freer.idle();
      return { postponed: p.freer.postponed() };
    },
    jobViews: (jobIds) => getJobViews(opened.db, jobIds, (id) => ctx.inFlight.get(id) ?? 0),
    waitUntilSettled: (jobIds) => waitUntilSettled(opened.db, (listener) => engine.onEvent(listener), jobIds),
    onEvent: (listener) => p.hub.onEvent(listener),
    subscribe: (listener) => engine.onEvent((event) => listener([event])),
    getStatus: () => attempt(() => p.status()),
    addPaths: (paths, target: UploadTarget, rules) => attempt(async () => ({ queued: (await engine.enqueuePaths(paths, target, rules)).queued })),
    // The app's Preview: the dry run's plan (GETs only, the library only read), judged as the real run then judges.
    planPaths: (paths, target, rules) =>
      attempt(async () => toPlanView(await planUpload(engine, paths, target, rules, { known: (file, album) => finishedUploadAt(opened.db, file, album) }))),
    listIgnored: () => attempt(() => p.ignoredLog.list()),
    addSamples: () => attempt(async () => ({ queued: (await engine.enqueuePaths([samplesFolder(o.samplesDir)], { albumFromFolder: true })).queued })),
    // An edit that could not reach the backend waits for the connection to come back (probed from now on).
    editPhoto: (jobId, edit) => attempt(() => editPhoto(ctx, jobId, edit, { unsent: (error) => error.code === 'OFFLINE' && connection.markOffline() })),
    ...p.commands,
    listWatches: () => attempt(() => watches.list()),
    addWatch: (path, target, rules, afterUpload) => attempt(() => watches.add(path, target, rules, afterUpload)),
    removeWatch: (id) => attempt(async () => ({ removed: await watches.remove(id) })),
    getSettings: () => attempt(() => settingsView(ctx)),
    getDiagnostics: () => attempt(() => engineDiagnostics(opened.config, ctx.clock)),
    updateSettings: (patch) =>
      attempt(() =>
        applySettings(ctx, patch, { secretCodec: o.secretCodec, credentialsChanged: () => connection.credentialsChanged(), wake: () => scheduler.wake() }),
      ),
    listDirectory: (dir) => attempt(() => listDirectory(dir)),
    chooseFolder: async () => ({ ok: false, error: { code: 'REJECTED', message: 'Choosing a folder needs the desktop app; type the folder path instead.' } }),
  } satisfies Engine & PixdropApi;
  return engine;
}

export async function createEngine(o: CreateEngineOptions): Promise<Engine> {
  const opened = await openDataDir(o);
  return engineApi(o, opened, wireParts(o, opened));
}
