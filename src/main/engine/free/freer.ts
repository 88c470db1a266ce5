/**
 * --after-upload, the action itself. A job's file (and its pair's RAW or Live Photo clip) is moved or deleted
 * only after, in this order: the job is done or already in the album; the album is asked for the photo's record
 * just now; the file is read again and is the one sent (size, mtime, SHA-1) with Cloudinary's `bytes` and `etag`
 * (MD5) matching the bytes read (verify.ts). Then each file's destination and SHA-1 are saved (`acting`) before
 * anything is touched, so a kill at any point is finished at the next start from what was saved: a file already
 * at its destination is not copied again, a file that changed meanwhile is kept. One job at a time: a card is
 * read once, not by several actions at once.
 */
import path from 'node:path';
import { AppError, toView } from '../../../shared/errors';
import { askAlbum } from '../backend/register';
import type { ImageRecord } from '../backend/client';
import type { EngineContext } from '../context';
import { crashPoint } from '../crash-points';
import { albumIdByName } from '../library/albums';
import { getAsset } from '../library/assets';
import { companionsOf } from '../library/companions';
import { getFile, type FileRow } from '../library/files';
import { dueFrees, getFree, setFreeState, type FreeRow, type FreeState, type FreeTargets } from '../library/frees';
import { getJob, type JobRow } from '../library/jobs';
import { publicIdFor } from '../pipeline/hash-step';
import { readFileFacts } from './file-facts';
import { clearPartial, deleteFile, moveWithoutOverwrite } from './move';
import { judgeCompanion, judgePhoto, type Verdict } from './verify';

/** An album that could not be asked (offline, a 5xx) is asked again this much later. */
const RETRY_MS = 10_000;

export interface Freer {
  /** A job reached the album: free its files if an action waits for it. */
  jobSettled(jobId: number): void;
  /** Looks for every open action whose job is in the album (at start, after a scan). */
  sweep(): void;
  /** Resolves when no action that can be done now is left (the CLI's `upload` waits for this before it ends). */
  idle(): Promise<void>;
  /** Open actions left for a later run (their album could not be asked). */
  postponed(): number;
  stop(): Promise<void>;
}

type Plan = { targets: FreeTargets; kept: string[] };
type Outcome = { state: FreeState; kept: string[] } | 'later';

function keepNotice(ctx: EngineContext, message: string, changed: boolean): void {
  ctx.logger.warn(`after upload: ${message}`);
  ctx.emit({ type: 'notice', level: 'warning', code: changed ? 'FILE_CHANGED' : 'REJECTED', message });
}

/** Below `dir`, the folder structure the file had below the folder that was given. */
function destinationOf(free: FreeRow, file: FileRow, source: string): string | null {
  if (free.action === 'delete') return null;
  const relative = source === file.path ? file.relativePath : path.relative(file.root, source);
  const safe = relative.split(/[\\/]/).filter((part) => part !== '..' && part !== '.' && part !== '');
  return path.join(free.destDir as string, ...safe);
}

/** The album photo and its companions, each judged; what passes gets its destination in the plan. */
async function planFor(ctx: EngineContext, free: FreeRow, job: JobRow, file: FileRow, record: ImageRecord | null): Promise<Plan | 'gone'> {
  const facts = await readFileFacts(file.path);
  if (!facts) return 'gone';
  const expected = { path: file.path, size: file.size, mtimeMs: file.mtimeMs, sha1: job.sha1 as string, publicId: job.publicId as string };
  const answer = job.cloudinaryResponse ?? getAsset(ctx.db, expected.publicId);
  const plan: Plan = { targets: {}, kept: [] };
  const verdicts: Array<[string, Verdict, string]> = [[file.path, judgePhoto({ expected, facts, answer, record }), facts.sha1]];
  if (verdicts[0][1].ok && record) {
    for (const companion of companionsOf(ctx.db, file.id)) {
      const cf = await readFileFacts(companion.path);
      if (!cf) continue;
      const publicId = publicIdFor(cf.sha1);
      verdicts.push([
        companion.path,
        judgeCompanion({ path: companion.path, kind: companion.kind, facts: cf, publicId, record, asset: getAsset(ctx.db, publicId) }),
        cf.sha1,
      ]);
    }
  }
  // Companions first: a kill between two files leaves the album photo's own file, which a rescan knows as
  // done, never a lone RAW or clip that would look like a new photo.
  for (const [source, verdict, sha1] of [...verdicts.slice(1), verdicts[0]]) {
    if (verdict.ok) plan.targets[source] = { to: destinationOf(free, file, source), sha1 };
    else {
      keepNotice(ctx, verdict.why, verdict.changed);
      plan.kept.push(source);
    }
  }
  return plan;
}

/** Carries out the saved plan; safe to repeat after a kill. A file whose bytes are no longer the verified ones is kept. */
async function carryOut(ctx: EngineContext, free: FreeRow, targets: FreeTargets): Promise<string[]> {
  const kept: string[] = [];
  for (const [source, target] of Object.entries(targets)) {
    const facts = await readFileFacts(source);
    if (facts && (facts.sha1 !== target.sha1 || facts.bytesRead !== facts.size)) {
      keepNotice(ctx, `${source} changed before it could be ${free.action === 'move' ? 'moved' : 'deleted'}; it is kept where it is.`, true);
      kept.push(source);
      continue;
    }
    let destination: string | null = null;
    if (target.to === null) await deleteFile(source);
    else if (facts) destination = await moveWithoutOverwrite(source, target.to, target.sha1);
    else {
      destination = target.to; // gone from the card: a kill came after the move
      await clearPartial(source, target.to);
    }
    ctx.logger.info(`after upload: ${source} ${destination ? `moved to ${destination}` : 'deleted'}`);
    ctx.emit({ type: 'fileFreed', path: source, action: free.action, destination });
  }
  return kept;
}

async function freeJob(ctx: EngineContext, jobId: number): Promise<Outcome> {
  const free = getFree(ctx.db, jobId);
  const job = getJob(ctx.db, jobId);
  const file = job ? getFile(ctx.db, job.fileId) : null;
  if (!free || (free.state !== 'waiting' && free.state !== 'acting') || !job || !file || !job.publicId || !job.sha1) return { state: 'gone', kept: [] };
  if (job.status !== 'done' && job.status !== 'skipped') return 'later';
  if (free.state === 'waiting') {
    // A job found in its album by a twin of this library may not have the album's id yet: its name does.
    const albumId = job.albumId ?? (job.albumName ? albumIdByName(ctx.db, job.albumName) : null);
    if (!albumId) return 'later';
    let record: ImageRecord | null;
    try {
      record = await askAlbum(ctx.backend, albumId, job.publicId);
    } catch (error) {
      ctx.logger.info(`after upload: ${file.path} waits: the album could not be asked (${toView(error).message})`);
      return 'later';
    }
    const plan = await planFor(ctx, free, job, file, record);
    if (plan === 'gone') return { state: 'gone', kept: [] };
    if (Object.keys(plan.targets).length === 0) return { state: 'kept', kept: plan.kept };
    setFreeState(ctx.db, jobId, 'acting', { now: ctx.clock.now(), targets: plan.targets });
    free.targets = plan.targets;
    crashPoint('acting');
    const kept = await carryOut(ctx, free, plan.targets);
    return { state: plan.kept.length + kept.length > 0 ? 'kept' : 'freed', kept: [...plan.kept, ...kept] };
  }
  const kept = await carryOut(ctx, free, free.targets ?? {});
  return { state: kept.length > 0 ? 'kept' : 'freed', kept };
}

/** One job's action; one that must wait (album unreachable, disk refused) goes to `later`. */
async function freeOne(ctx: EngineContext, jobId: number, later: Set<number>): Promise<void> {
  try {
    const outcome = await freeJob(ctx, jobId);
    if (outcome === 'later') return void later.add(jobId);
    later.delete(jobId);
    setFreeState(ctx.db, jobId, outcome.state, { now: ctx.clock.now(), note: outcome.kept.length > 0 ? `kept: ${outcome.kept.join(', ')}` : null });
  } catch (error) {
    // A move refused by the disk (full, read-only): nothing was lost; the file stays and this is said once.
    const message = `after upload: ${toView(error).message}. The file is kept where it is; the action is tried again at the next start.`;
    ctx.logger.warn(message);
    ctx.emit({ type: 'notice', level: 'warning', code: error instanceof AppError ? error.code : 'INTERNAL', message });
    later.add(jobId);
  }
}

/**
 * `held`: true while folders are being walked. A file moved away between a walk's listing and its stat would be
 * reported as vanished, so actions wait for the walk to end (its end sweeps again).
 */
export function createFreer(ctx: EngineContext, o: { held?: () => boolean } = {}): Freer {
  const wanted = new Set<number>();
  const later = new Set<number>();
  let sweepWanted = false;
  let running: Promise<void> | null = null;
  let stopped = false;
  let retryTimer: NodeJS.Timeout | null = null;

  const one = (jobId: number) => freeOne(ctx, jobId, later);

  /** Actions that must wait (album unreachable, disk refused) are tried again after RETRY_MS. */
  const retryLater = () => {
    if (later.size === 0 || stopped || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = null;
      later.forEach((id) => wanted.add(id));
      later.clear();
      kick();
    }, RETRY_MS);
    retryTimer.unref();
  };
  const loop = async () => {
    await Promise.resolve(); // `running` is set by kick() before the loop can end and clear it
    while (!stopped && !o.held?.() && (wanted.size > 0 || sweepWanted)) {
      if (sweepWanted) {
        sweepWanted = false;
        for (const id of dueFrees(ctx.db)) if (!later.has(id)) wanted.add(id);
      }
      const [next] = wanted;
      if (next === undefined) continue;
      wanted.delete(next);
      await one(next);
    }
    running = null;
    retryLater();
  };
  const kick = () => {
    if (!running && !stopped) running = loop();
  };

  return {
    jobSettled(jobId) {
      if (stopped || !getFree(ctx.db, jobId)) return;
      wanted.add(jobId);
      kick();
    },
    sweep() {
      sweepWanted = true;
      kick();
    },
    async idle() {
      while (running) await running;
    },
    postponed: () => later.size,
    async stop() {
      stopped = true;
      if (retryTimer) clearTimeout(retryTimer);
      await running; // a move under way is finished, not torn
    },
  };
}
