/**
 * `pixdrop upload` and `pixdrop watch`: queue the paths, follow the queue until every file of
 * this run is done or failed for good (upload) or until SIGINT/SIGTERM (watch).
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { EngineEvent, IgnoredFile, JobView, UploadTarget } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { ALBUM_FOLDER_MODES, type AlbumFolderMode } from '../../engine/discover/album-names';
import { fileBytesSent } from '../../engine/cloudinary/transport';
import { MAX_SIGNATURE_AGE_MS, readServerClock, staleClockMessage } from '../../engine/diagnostics/clock-skew';
import { checkDate, checkRange, ON_CHANGE_MODES, type OnChange, type ScanRules } from '../../engine/discover/filters';
import { RAW_JPEG_MODES, type RawJpegMode } from '../../engine/discover/pairs';
import { destinationProblem, parseAfterUpload } from '../../engine/free/destination';
import type { Clock, Engine } from '../../engine/types';
import { outputClosed } from '../closed-output';
import { distinctPaths } from '../distinct-paths';
import { earlierJobs } from '../earlier-jobs';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit';
import { pickReporter, type Outcome, type Reporter, type RunSummary } from '../reporters';
import { loadConfig, startEngine, untilSignal } from '../setup';

export interface UploadOptions {
  album?: string;
  /** true, or the mode given as --album-from-folder=root|leaf|path. */
  albumFromFolder?: boolean | string;
  json?: boolean;
  bwlimit?: string;
  concurrency?: string;
  /** Commander's --no-videos: false when given. */
  videos?: boolean;
  include?: string[];
  exclude?: string[];
  from?: string;
  to?: string;
  rawJpeg?: string;
  onChange?: string;
  afterUpload?: string;
  dryRun?: boolean;
}

function rawJpegMode(value: string | undefined): RawJpegMode {
  if (value === undefined) return 'pair';
  if ((RAW_JPEG_MODES as readonly string[]).includes(value)) return value as RawJpegMode;
  throw new Error(`--raw-jpeg "${value}" is not a mode: give pair (one photo, RAW linked), both, jpeg or raw.`);
}

function onChangeMode(value: string | undefined): OnChange {
  if (value === undefined) return 'replace';
  if ((ON_CHANGE_MODES as readonly string[]).includes(value)) return value as OnChange;
  throw new Error(`--on-change "${value}" is not a mode: give replace (the album photo is updated in place), new or skip.`);
}

export function rulesFrom(o: UploadOptions): ScanRules {
  try {
    const takenFrom = o.from === undefined ? undefined : checkDate(o.from, '--from');
    const takenTo = o.to === undefined ? undefined : checkDate(o.to, '--to');
    checkRange(takenFrom, takenTo);
    return {
      videos: o.videos !== false,
      include: o.include ?? [],
      exclude: o.exclude ?? [],
      takenFrom,
      takenTo,
      rawJpeg: rawJpegMode(o.rawJpeg),
      onChange: onChangeMode(o.onChange),
      afterUpload: o.afterUpload === undefined ? undefined : parseAfterUpload(o.afterUpload),
    };
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

export function targetFrom(o: UploadOptions): UploadTarget {
  if (o.album && o.albumFromFolder) throw new UsageError('give either --album <album_id> or --album-from-folder, not both.');
  if (typeof o.albumFromFolder === 'string') {
    if (!(ALBUM_FOLDER_MODES as readonly string[]).includes(o.albumFromFolder)) {
      throw new UsageError(`--album-from-folder="${o.albumFromFolder}" is not a mode: give root (default), leaf or path.`);
    }
    return { albumFromFolder: true, mode: o.albumFromFolder as AlbumFolderMode };
  }
  if (o.albumFromFolder) return { albumFromFolder: true };
  if (!o.album) throw new UsageError('say where the photos go: --album <album_id> (see `pixdrop albums`) or --album-from-folder.');
  return { albumId: o.album };
}

/**
 * `--album-from-folder ./card` reads "./card" as the option's mode; a value that is no mode but an existing
 * path was meant as a path (the form used before the modes existed).
 */
function withMisreadPath(paths: string[], o: UploadOptions): { paths: string[]; o: UploadOptions } {
  const value = o.albumFromFolder;
  if (typeof value !== 'string' || (ALBUM_FOLDER_MODES as readonly string[]).includes(value) || !existsSync(value)) return { paths, o };
  return { paths: [value, ...paths], o: { ...o, albumFromFolder: true } };
}

function checkPaths(paths: string[], command: 'upload' | 'watch' = 'upload'): string[] {
  // The argument is optional for commander (see withMisreadPath); a run still needs one.
  if (paths.length === 0)
    throw new UsageError(
      command === 'watch'
        ? 'give the folders to watch, e.g. `pixdrop watch ./Exports --album-from-folder`.'
        : 'give the files or folders to upload, e.g. `pixdrop upload ./card --album-from-folder`.',
    );
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new UsageError(`${missing.map((p) => `"${p}"`).join(', ')} does not exist. Give files or folders of photos.`);
  return distinctPaths(paths.map((p) => path.resolve(p)));
}

/** A watch follows folders: a file given is refused, with the folder that holds it and `upload` for the file alone. */
function checkFolders(paths: string[]): string[] {
  const file = paths.find((p) => !statSync(p).isDirectory());
  if (file)
    throw new UsageError(
      `"${file}" is a file; watch follows folders. Give its folder (\`pixdrop watch "${path.dirname(file)}"\`), or upload the file once with \`pixdrop upload "${file}"\`.`,
    );
  return paths;
}

/**
 * A wrong --album id is said once, before anything is scanned, instead of as a refusal for every
 * photo. Only a clear "no such album / not yours" from the backend stops the run: an unreachable
 * backend leaves the queue to wait as usual.
 */
export async function checkAlbum(engine: Engine, target: UploadTarget): Promise<void> {
  if (!('albumId' in target)) return;
  const albums = await engine.listAlbums();
  if (!albums.ok || albums.value.some((a) => a.id === target.albumId)) return;
  const probe = await engine.listAlbumImages(target.albumId);
  if (probe.ok) return;
  const refused = probe.error.code === 'REJECTED' || probe.error.code === 'AUTH';
  if (!refused) return;
  const said = typeof probe.error.details?.serverMessage === 'string' ? ` (it says: ${probe.error.details.serverMessage.replace(/[.\s]+$/, '')})` : '';
  throw new UsageError(
    `the album backend has no album "${target.albumId}" this token may upload to${said}; nothing was queued. See \`pixdrop albums\` for the ids, or use --album-from-folder.`,
  );
}

/**
 * With local signing, a clock an hour or more behind Cloudinary's makes every upload fail as a
 * "Stale request": say it once, with how far off the clock is, before anything is queued.
 * (With remote signing the backend's clock signs; an unreachable server is the queue's business.)
 */
export async function checkClock(engine: Engine, clock: Clock): Promise<void> {
  const cloudinary = engine.config.cloudinary;
  if (!cloudinary) return;
  const reading = await readServerClock(cloudinary.uploadPrefix, clock).catch(() => null);
  if (reading?.skewMs != null && reading.skewMs >= MAX_SIGNATURE_AGE_MS) {
    throw new AppError('CONFIG', `${staleClockMessage(reading.skewMs)} Nothing was queued.`);
  }
}

/** A move into a folder this run uploads (or a folder watched on this data dir) would find the photos again: refused before anything is queued. */
function checkDestination(rules: ScanRules, folders: string[]): void {
  const problem = rules.afterUpload?.action === 'move' ? destinationProblem(rules.afterUpload.dir, folders) : null;
  if (problem) throw new UsageError(problem);
}

async function watchedFolders(engine: Engine): Promise<string[]> {
  const watches = await engine.listWatches();
  return watches.ok ? watches.value.map((w) => w.path) : [];
}

/**
 * The engine's events from before it starts: at start it finishes --after-upload actions a kill interrupted,
 * and those files are reported by this run. Held until the run's tracker listens.
 */
function relayEvents(engine: Engine, o: { holdJobs: boolean }): { deliverTo(listener: (event: EngineEvent) => void): () => void } {
  const held: EngineEvent[] = [];
  let listener: ((event: EngineEvent) => void) | null = null;
  const off = engine.onEvent((event) => {
    if (listener) listener(event);
    // An upload also holds the job changes: files queued before it may be tried (and fail) before it listens.
    else if (event.type === 'fileFreed' || event.type === 'notice' || (o.holdJobs && event.type === 'jobsChanged')) held.push(event);
  });
  return {
    deliverTo(l) {
      held.splice(0).forEach(l);
      listener = l;
      return off;
    },
  };
}

type Relay = ReturnType<typeof relayEvents>;

/** startEngine, with the engine's events held from before its start (see relayEvents). */
async function startRelayed(config: Parameters<typeof startEngine>[0], o: { watch?: boolean } = {}) {
  const box: { relay?: Relay } = {};
  const holdJobs = !o.watch;
  const started = await startEngine(config, { ...o, beforeStart: (engine) => (box.relay = relayEvents(engine, { holdJobs })) });
  return { ...started, relay: box.relay ?? relayEvents(started.engine, { holdJobs }) };
}

/** How a run reports a job that settled in this status (done is uploaded, or skipped when it was already there). */
const SETTLED_AS: Partial<Record<JobView['status'], Outcome>> = { skipped: 'skipped', failed: 'failed', cancelled: 'cancelled' };

const REOPENED = new Set<JobView['status']>(['queued', 'hashing', 'uploading']);

/** The companions in `now` that were not there before (all of them when nothing was known before). */
function newCompanions(before: JobView['pair'], now: JobView['pair']): JobView['pair'] {
  if (!before || !now) return now;
  const late = {
    ...(now.raw && now.raw !== before.raw ? { raw: now.raw } : {}),
    ...(now.motion && now.motion !== before.motion ? { motion: now.motion } : {}),
  };
  return late.raw || late.motion ? late : now;
}

/** Follows this run's jobs and reports each once, when it settles. */
class RunTracker {
  private readonly reported = new Map<number, Outcome>();
  private readonly active = new Map<number, JobView>();
  /** What a job not plainly uploaded is doing (JobView.work), kept until it is done: the done view no longer says. */
  private readonly work = new Map<number, NonNullable<JobView['work']>>();
  /** The RAW/clip a job had when it last settled: a late one is told from them. */
  /** Outcomes of jobs that settled and were queued again since (a watch: uploaded, then its re-export replaced). */
  private readonly settledBefore: Outcome[] = [];
  private readonly pairs = new Map<number, NonNullable<JobView['pair']>>();
  readonly earlier = earlierJobs();
  /** An upload ends on a refused token and says it as it ends (settleAll): the engine's notice of it would say it twice. */
  authStopsRun = false;
  readonly started = Date.now();
  problems = 0;
  ignored = 0;
  /** Files moved or deleted by --after-upload; null when the run has no such action. */
  freed: number | null = null;

  constructor(
    private readonly reporter: Reporter,
    private readonly mine: (id: number) => boolean,
    private readonly alreadyThere: Set<number>,
    /** Bytes this process had sent before the engine started: the summary counts what this run sent (a resumed upload starts at once). */
    private readonly sentAtStart: number,
  ) {}

  onEvent(event: EngineEvent): void {
    if (event.type === 'jobsChanged') {
      for (const job of event.jobs) {
        this.earlier.seen(job);
        this.onJob(job);
      }
    }
    if (event.type === 'statusChanged') this.reporter.progress(event.status, [...this.active.values()]);
    const saidByStop = this.authStopsRun && event.type === 'notice' && event.code === 'AUTH';
    if (event.type === 'notice' && event.level !== 'info' && !saidByStop) this.reporter.notice(event.message);
    if (event.type === 'fileFreed') {
      this.freed = (this.freed ?? 0) + 1;
      this.reporter.freed(event.path, event.action, event.destination);
    }
  }

  onJob(job: JobView): void {
    if (!this.mine(job.id)) return;
    if (job.status === 'hashing' || job.status === 'uploading' || job.status === 'registering') this.active.set(job.id, job);
    else this.active.delete(job.id);
    // Back in the queue (a re-export, a late RAW in a watch): what it does next is said again when it settles.
    if (REOPENED.has(job.status)) {
      this.keepSettled(job.id);
      this.work.delete(job.id);
    }
    if (job.work) this.work.set(job.id, job.work);
    const outcome = job.status === 'done' ? this.doneAs(job) : (SETTLED_AS[job.status] ?? null);
    if (!outcome || this.reported.get(job.id) === outcome) return;
    this.reported.set(job.id, outcome);
    const linked = outcome === 'linked' ? newCompanions(this.pairs.get(job.id), job.pair) : undefined;
    if (job.pair) this.pairs.set(job.id, job.pair);
    this.reporter.finished(job, outcome, linked);
  }

  /** A job settled, then back in the queue: what it did stays counted (a failure retried is not a failure). */
  private keepSettled(id: number): void {
    const before = this.reported.get(id);
    if (before === undefined) return;
    if (before !== 'failed') this.settledBefore.push(before);
    this.reported.delete(id);
  }

  /** A done job was uploaded, or replaced its album photo, or only had its RAW/clip linked (work seen on its way). */
  private doneAs(job: JobView): Outcome {
    if (this.alreadyThere.has(job.id)) return 'skipped';
    const work = this.work.get(job.id);
    return work === 'replace' ? 'replaced' : work === 'link' ? 'linked' : 'uploaded';
  }

  summary(): RunSummary {
    const counts = { uploaded: 0, skipped: 0, failed: this.problems, cancelled: 0, replaced: 0, linked: 0 };
    for (const outcome of [...this.settledBefore, ...this.reported.values()]) counts[outcome] += 1;
    return {
      ...counts,
      // The contract's `uploaded` counts every file whose bytes reached the album; replaced and linked say which of them.
      uploaded: counts.uploaded + counts.replaced + counts.linked,
      bytes: fileBytesSent() - this.sentAtStart,
      seconds: Math.round((Date.now() - this.started) / 100) / 10,
      ignored: this.ignored,
      ...(this.freed === null ? {} : { freed: this.freed }),
    };
  }
}

async function settleAll(engine: Engine, tracker: RunTracker, jobIds: number[]): Promise<void> {
  // Jobs that finished before we subscribed (or in a previous run) are reported from the library.
  reportFromLibrary(engine, tracker, jobIds);
  // Without a token or without room for the library, waiting would never end: stop and say why.
  const stopper = new Promise<never>((_, reject) => {
    engine.onEvent((e) => {
      if (e.type === 'statusChanged' && e.status.connection.state === 'auth-required') reject(new AppError('AUTH', e.status.connection.message));
      if (e.type === 'notice' && e.code === 'DISK_FULL') reject(new AppError('DISK_FULL', e.message));
      const diskFull = e.type === 'jobsChanged' ? e.jobs.find((j) => j.error?.code === 'DISK_FULL') : undefined;
      if (diskFull?.error) reject(new AppError('DISK_FULL', diskFull.error.message));
    });
  });
  await Promise.race([engine.waitUntilSettled(jobIds), stopper]);
  reportFromLibrary(engine, tracker, jobIds);
}

/** Jobs read from the library a page at a time: 1,000 views alive at once, not the whole run's. */
const REPORT_PAGE = 1000;

/**
 * This run's jobs handed to the tracker, by id and in pages: listing the whole library took 188 ms at 3,000
 * jobs and grew with it, and one list of a season's 100,000 views held ~100 MB of heap, twice a run.
 */
function reportFromLibrary(engine: Engine, tracker: RunTracker, jobIds: number[]): void {
  for (let at = 0; at < jobIds.length; at += REPORT_PAGE) {
    engine.jobViews(jobIds.slice(at, at + REPORT_PAGE)).forEach((job) => tracker.onJob(job));
  }
}

async function queueAndFollow(
  engine: Engine,
  o: { paths: string[]; target: UploadTarget; rules: ScanRules; reporter: Reporter; sentAtStart: number; subscribe: Relay },
) {
  const { paths, target, rules, reporter } = o;
  let mine = new Set<number>();
  const alreadyThere = new Set<number>();
  const tracker = new RunTracker(reporter, (id) => mine.has(id), alreadyThere, o.sentAtStart);
  tracker.authStopsRun = true;
  if (rules.afterUpload && rules.afterUpload.action !== 'keep') tracker.freed = 0;
  const unsubscribe = o.subscribe.deliverTo((e) => tracker.onEvent(e));
  const result = await engine.enqueuePaths(paths, target, rules);
  result.alreadyDone.forEach((id) => alreadyThere.add(id));
  mine = new Set(result.jobIds);
  result.problems.forEach((p) => reporter.problem(p.path, p.error));
  tracker.problems = result.problems.length;
  result.ignored.forEach((i) => reporter.ignored(i));
  tracker.ignored = result.ignored.length;
  reporter.scanned(result.queued, result.alreadyDone.length);
  return { tracker, jobIds: result.jobIds, unsubscribe };
}

/** The moves and deletes of photos verified in their album are done before the run ends. */
async function finishFrees(engine: Engine, reporter: Reporter): Promise<void> {
  const { postponed } = await engine.finishFrees();
  if (postponed > 0) {
    reporter.notice(`${postponed} file(s) are kept for now: their album could not be asked to verify them. Run the same command again to free them.`);
  }
}

/**
 * A step that loses the race to Ctrl-C goes on while the engine stops under it (its library closes): what it
 * says then is moot, and must not surface as an unexpected error after the "Interrupted" line.
 */
function moot<T>(step: Promise<T>): Promise<T> {
  step.catch(() => undefined);
  return step;
}

export async function runUpload(given: string[], options: UploadOptions): Promise<number> {
  const { paths, o } = withMisreadPath(given, options);
  const target = targetFrom(o);
  const rules = rulesFrom(o);
  const absolute = checkPaths(paths);
  checkDestination(rules, absolute);
  const config = loadConfig({ bwlimit: o.bwlimit, concurrency: o.concurrency });
  if (o.dryRun) return (await import('./dry-run')).runDryRun(absolute, target, rules, o);
  const reporter = pickReporter(Boolean(o.json));
  const sentAtStart = fileBytesSent();
  const { engine, clock, relay } = await startRelayed(config);
  const interrupted = moot(
    untilSignal().then(() => {
      const why = outputClosed() ? 'The output was closed (the program reading it, e.g. `| head`, ended), so the upload stopped.' : 'Interrupted.';
      throw new AppError('ABORTED', `${why} Progress is saved: run the same command again to continue where it stopped.`);
    }),
  );
  try {
    checkDestination(rules, await watchedFolders(engine));
    await checkClock(engine, clock);
    await checkAlbum(engine, target);
    const { tracker, jobIds, unsubscribe } = await queueAndFollow(engine, { paths: absolute, target, rules, reporter, sentAtStart, subscribe: relay });
    await Promise.race([moot(settleAll(engine, tracker, jobIds)), interrupted]);
    await Promise.race([moot(finishFrees(engine, reporter)), interrupted]);
    unsubscribe();
    const ofThisRun = new Set(jobIds);
    const earlier = tracker.earlier.sentence((id) => ofThisRun.has(id));
    if (earlier) reporter.notice(earlier);
    const summary = tracker.summary();
    reporter.summary(summary);
    return summary.failed > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    await engine.stop();
  }
}

/** A watch has no plan to print: it goes on until stopped. */
function refuseDryRunForWatch(o: UploadOptions): void {
  if (o.dryRun)
    throw new UsageError(
      '--dry-run works with `pixdrop upload` only: `pixdrop upload <folder> --dry-run` with the same options shows what a watch would start with.',
    );
}

export async function runWatch(given: string[], options: UploadOptions): Promise<number> {
  const { paths, o } = withMisreadPath(given, options);
  refuseDryRunForWatch(o);
  const target = targetFrom(o);
  // The folder keeps its rules and its after-upload action apart (the app sets them apart too).
  const { afterUpload, ...folderRules } = rulesFrom(o);
  const absolute = checkFolders(checkPaths(paths, 'watch'));
  checkDestination({ afterUpload }, absolute);
  const config = loadConfig({ bwlimit: o.bwlimit, concurrency: o.concurrency });
  const reporter = pickReporter(Boolean(o.json));
  const sentAtStart = fileBytesSent();
  const { engine, clock, relay } = await startRelayed(config, { watch: true });
  // Ctrl-C while the folders are first scanned is a clean stop too (it takes effect once they are added).
  const stopRequested = untilSignal();
  try {
    checkDestination({ afterUpload }, await watchedFolders(engine));
    await checkClock(engine, clock);
    await checkAlbum(engine, target);
    const tracker = new RunTracker(reporter, () => true, new Set(), sentAtStart);
    if (afterUpload && afterUpload.action !== 'keep') tracker.freed = 0;
    relay.deliverTo((e) => tracker.onEvent(e));
    // What the watched folders' rules and pairs leave out, said once per file (rescans find it again silently);
    // the folders watched before this run were scanned as the engine started, before this listener: asked for.
    const said = new Set<string>();
    const sayIgnored = (files: IgnoredFile[]) => {
      for (const f of files) {
        if (said.has(`${f.reason}\0${f.path}`)) continue;
        said.add(`${f.reason}\0${f.path}`);
        reporter.ignored(f);
        tracker.ignored += 1;
      }
    };
    engine.onEvent((e) => {
      if (e.type === 'filesIgnored') sayIgnored(e.files);
    });
    const earlier = await engine.listIgnored();
    if (earlier.ok) sayIgnored([...earlier.value].reverse());
    for (const folder of absolute) {
      // The folder keeps these options in the library: a restarted watch, `serve` and the app follow them.
      const added = await engine.addWatch(folder, target, folderRules, afterUpload);
      if (!added.ok) throw new AppError(added.error.code, added.error.message);
      reporter.notice(`watching ${folder}${added.value.polling ? ` (on a ${added.value.polling} mount: watched by polling)` : ''}`);
    }
    await stopRequested;
    reporter.summary(tracker.summary());
    return EXIT_OK;
  } finally {
    await engine.stop();
  }
}
