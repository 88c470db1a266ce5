/**
 * `pixdrop upload` and `pixdrop watch`: queue the paths, follow the queue until every file of
 * this run is done or failed for good (upload) or until SIGINT/SIGTERM (watch).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EngineEvent, JobView, UploadTarget } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import type { Engine } from '../../engine/types';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit';
import { pickReporter, type Reporter, type RunSummary } from '../reporters';
import { loadConfig, startEngine, untilSignal } from '../setup';

export interface UploadOptions {
  album?: string;
  albumFromFolder?: boolean;
  json?: boolean;
  bwlimit?: string;
}

export function targetFrom(o: UploadOptions): UploadTarget {
  if (o.album && o.albumFromFolder) throw new UsageError('give either --album <album_id> or --album-from-folder, not both.');
  if (o.albumFromFolder) return { albumFromFolder: true };
  if (!o.album) throw new UsageError('say where the photos go: --album <album_id> (see `pixdrop albums`) or --album-from-folder.');
  return { albumId: o.album };
}

function checkPaths(paths: string[]): string[] {
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) throw new UsageError(`${missing.map((p) => `"${p}"`).join(', ')} does not exist. Give files or folders of photos.`);
  return paths.map((p) => path.resolve(p));
}

/** Follows this run's jobs and reports each once, when it settles. */
class RunTracker {
  private readonly reported = new Map<number, 'uploaded' | 'skipped' | 'failed'>();
  private readonly active = new Map<number, JobView>();
  readonly started = Date.now();
  bytes = 0;
  problems = 0;

  constructor(
    private readonly reporter: Reporter,
    private readonly mine: (id: number) => boolean,
    private readonly alreadyThere: Set<number>,
  ) {}

  onEvent(event: EngineEvent): void {
    if (event.type === 'jobsChanged') event.jobs.forEach((job) => this.onJob(job));
    if (event.type === 'statusChanged') this.reporter.progress(event.status, [...this.active.values()]);
    if (event.type === 'notice' && event.level !== 'info') this.reporter.notice(event.message);
  }

  onJob(job: JobView): void {
    if (!this.mine(job.id)) return;
    if (job.status === 'hashing' || job.status === 'uploading' || job.status === 'registering') this.active.set(job.id, job);
    else this.active.delete(job.id);
    const outcome = job.status === 'done' ? (this.alreadyThere.has(job.id) ? 'skipped' : 'uploaded') : job.status === 'skipped' ? 'skipped' : job.status === 'failed' ? 'failed' : null;
    if (!outcome || this.reported.get(job.id) === outcome) return;
    this.reported.set(job.id, outcome);
    if (outcome === 'uploaded') this.bytes += job.bytesTotal;
    this.reporter.finished(job, outcome);
  }

  summary(): RunSummary {
    const counts = { uploaded: 0, skipped: 0, failed: this.problems };
    for (const outcome of this.reported.values()) counts[outcome] += 1;
    return { ...counts, bytes: this.bytes, seconds: Math.round((Date.now() - this.started) / 100) / 10 };
  }
}

async function settleAll(engine: Engine, tracker: RunTracker, jobIds: number[]): Promise<void> {
  // Jobs that finished before we subscribed (or in a previous run) are reported from the library.
  const page = await engine.listJobs({ filter: 'all', limit: 1_000_000 });
  if (page.ok) page.value.jobs.forEach((job) => tracker.onJob(job));
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
  const final = await engine.listJobs({ filter: 'all', limit: 1_000_000 });
  if (final.ok) final.value.jobs.forEach((job) => tracker.onJob(job));
}

async function queueAndFollow(engine: Engine, paths: string[], target: UploadTarget, reporter: Reporter) {
  let mine = new Set<number>();
  const alreadyThere = new Set<number>();
  const tracker = new RunTracker(reporter, (id) => mine.has(id), alreadyThere);
  const unsubscribe = engine.onEvent((e) => tracker.onEvent(e));
  const result = await engine.enqueuePaths(paths, target);
  result.alreadyDone.forEach((id) => alreadyThere.add(id));
  mine = new Set(result.jobIds);
  result.problems.forEach((p) => reporter.problem(p.path, p.error));
  tracker.problems = result.problems.length;
  reporter.scanned(result.queued, result.alreadyDone.length);
  return { tracker, jobIds: result.jobIds, unsubscribe };
}

export async function runUpload(paths: string[], o: UploadOptions): Promise<number> {
  const target = targetFrom(o);
  const absolute = checkPaths(paths);
  const config = loadConfig({ bwlimit: o.bwlimit });
  const reporter = pickReporter(Boolean(o.json));
  const { engine } = await startEngine(config);
  const interrupted = untilSignal().then(() => {
    throw new AppError('ABORTED', 'Interrupted. Progress is saved: run the same command again to continue where it stopped.');
  });
  try {
    const { tracker, jobIds, unsubscribe } = await queueAndFollow(engine, absolute, target, reporter);
    await Promise.race([settleAll(engine, tracker, jobIds), interrupted]);
    unsubscribe();
    const summary = tracker.summary();
    reporter.summary(summary);
    return summary.failed > 0 ? EXIT_FAILED : EXIT_OK;
  } finally {
    await engine.stop();
  }
}

export async function runWatch(paths: string[], o: UploadOptions): Promise<number> {
  const target = targetFrom(o);
  const absolute = checkPaths(paths);
  const config = loadConfig({ bwlimit: o.bwlimit });
  const reporter = pickReporter(Boolean(o.json));
  const { engine } = await startEngine(config, { watch: true });
  try {
    const tracker = new RunTracker(reporter, () => true, new Set());
    engine.onEvent((e) => tracker.onEvent(e));
    for (const folder of absolute) {
      const added = await engine.addWatch(folder, target);
      if (!added.ok) throw new AppError(added.error.code, added.error.message);
      reporter.notice(`watching ${folder}`);
    }
    await untilSignal();
    reporter.summary(tracker.summary());
    return EXIT_OK;
  } finally {
    await engine.stop();
  }
}
