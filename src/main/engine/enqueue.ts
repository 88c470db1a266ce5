/**
 * Turns dropped/added paths into jobs: walk, record each file, create its (file, album) job.
 * Rows are written in batches inside transactions, so 50,000 files enqueue in a blink and a
 * kill mid-scan leaves whole batches. Problems found by the walk (unreadable folders, loops)
 * are reported as notices and never stop the scan.
 */
import path from 'node:path';
import type { UploadTarget } from '../../shared/api';
import type { ErrorView } from '../../shared/errors';
import { albumNameForFolder, type AlbumFolderMode } from './album-names';
import type { EngineContext } from './context';
import { setCompanions, type CompanionRow } from './library/companions';
import { upsertFile } from './library/files';
import { ensureJob } from './library/jobs';
import { compileRules, type CompiledRules, type ScanRules } from './scan/filters';
import { inspectPhoto } from './scan/inspect';
import type { IgnoredReason } from './scan/media-types';
import { groupPairs, type Companions } from './scan/pairs';
import { walkPhotos, type FoundFile } from './scan/walk';

const BATCH = 500;

export interface EnqueueResult {
  queued: number;
  jobIds: number[];
  /** Jobs that were already finished before this call (same file, same album, unchanged). */
  alreadyDone: number[];
  problems: { path: string; error: ErrorView }[];
  /** Found and left out, with why (contract §1 `file-ignored`). */
  ignored: { path: string; reason: IgnoredReason }[];
}

/** --album-from-folder: the album of a file by its folder (root: the dropped folder's own name, leaf, path). */
export function albumNameFor(file: FoundFile, droppedRoot: string, mode?: AlbumFolderMode): string {
  return albumNameForFolder(file.path, droppedRoot, mode);
}

type FoundWithCompanions = FoundFile & { companions?: Companions };

function companionRows(companions: Companions): CompanionRow[] {
  const rows: CompanionRow[] = [];
  if (companions.raw) rows.push({ kind: 'raw', path: companions.raw.path });
  if (companions.motion) rows.push({ kind: 'motion', path: companions.motion.path });
  return rows;
}

/** Records found files and their jobs in one transaction. */
export function recordFound(ctx: EngineContext, files: FoundWithCompanions[], target: UploadTarget, result: EnqueueResult): void {
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    for (const { companions, ...file } of files) {
      const { fileId, changed, created } = upsertFile(ctx.db, { ...file, now });
      if (companions) setCompanions(ctx.db, fileId, companionRows(companions));
      const albumId = 'albumId' in target ? target.albumId : null;
      const albumName = albumId === null ? albumNameFor(file, file.root, 'mode' in target ? target.mode : undefined) : null;
      const job = ensureJob(ctx.db, { fileId, albumId, albumName, bytesTotal: file.size, fileChanged: changed, newFile: created, now });
      result.jobIds.push(job.jobId);
      if (job.status === 'done' || job.status === 'skipped') result.alreadyDone.push(job.jobId);
      else result.queued += 1;
    }
  })();
}

export function emptyResult(): EnqueueResult {
  return { queued: 0, jobIds: [], alreadyDone: [], problems: [], ignored: [] };
}

export interface EnqueueOptions {
  signal?: AbortSignal;
  /**
   * Watched folders: a file still being written (a card copy in progress) is handed to
   * `onStillWriting` instead of being queued half-written; the watcher queues it once stable.
   */
  stillWriting?: (file: FoundFile) => boolean;
  onStillWriting?: (file: FoundFile) => void;
  /** What this run leaves out on purpose: --include/--exclude, --no-videos, a taken-date range. */
  rules?: ScanRules;
}

/**
 * A taken-date range needs each file's date before it is queued: it is read here (a second read of the
 * file, paid only when a range is given). A file that cannot be read is kept: its job reports why.
 */
async function keptByDate(rules: CompiledRules, file: FoundFile, signal?: AbortSignal): Promise<boolean> {
  if (!rules.needsDates) return true;
  try {
    return rules.keepsDate((await inspectPhoto(file, { signal })).metadatas.taken_at, file.mtimeMs);
  } catch {
    return true;
  }
}

export async function enqueuePaths(ctx: EngineContext, paths: string[], target: UploadTarget, o: EnqueueOptions = {}): Promise<EnqueueResult> {
  const result = emptyResult();
  const rules = compileRules(o.rules);
  const onIgnored = (file: string, reason: IgnoredReason) => result.ignored.push({ path: file, reason });
  let batch: FoundWithCompanions[] = [];
  const folder: FoundFile[] = [];
  for (const root of paths.map((p) => path.resolve(p))) {
    for await (const entry of walkPhotos([root], { signal: o.signal, onIgnored })) {
      if ('error' in entry) {
        result.problems.push(entry);
        continue;
      }
      if (!rules.keepsPath(entry.relativePath) || !(await keptByDate(rules, entry, o.signal))) {
        onIgnored(entry.path, 'filtered');
        continue;
      }
      if (o.stillWriting?.(entry)) {
        o.onStillWriting?.(entry);
        continue;
      }
      // The walk gives a folder's files together: a folder is grouped into pairs once it is complete.
      if (folder.length > 0 && path.dirname(entry.path) !== path.dirname(folder[0]!.path)) flushFolder();
      folder.push(entry);
    }
  }
  flushFolder();
  if (batch.length > 0) recordFound(ctx, batch, target, result);
  return result;

  function flushFolder(): void {
    const grouped = groupPairs(folder.splice(0), o.rules?.rawJpeg ?? 'pair');
    grouped.paired.forEach((file) => onIgnored(file.path, 'paired'));
    for (const { file, companions } of grouped.photos) {
      batch.push(companions.raw || companions.motion ? { ...file, companions } : file);
      if (batch.length >= BATCH) {
        recordFound(ctx, batch, target, result);
        batch = [];
      }
    }
  }
}
