/**
 * Turns dropped/added paths into jobs: walk, record each file, create its (file, album) job.
 * Rows are written in batches inside transactions, so 50,000 files enqueue in a blink and a
 * kill mid-scan leaves whole batches. Problems found by the walk (unreadable folders, loops)
 * are reported as notices and never stop the scan.
 */
import type { AfterUpload, IgnoredEntry, UploadTarget } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { albumNameForFolder, type AlbumFolderMode } from '../discover/album-names';
import type { EngineContext } from '../context';
import { setCompanions, type CompanionRow } from '../library/companions';
import { upsertFile } from '../library/files';
import { finishedImageOf, setReplacement } from '../library/replacements';
import { ensureJob } from '../library/jobs';
import { reopenForLateCompanion } from '../library/late-companions';
import { planFree } from '../library/frees';
import type { OnChange, ScanRules } from '../discover/filters';
import type { Companions } from '../discover/pairs';
import { ignoredEntry, scanFolders } from '../discover/scan-folders';
import type { FoundFile } from '../discover/walk';

const BATCH = 500;

export interface EnqueueResult {
  queued: number;
  jobIds: number[];
  /** Jobs that were already finished before this call (same file, same album, unchanged). */
  alreadyDone: number[];
  problems: { path: string; error: ErrorView }[];
  /** Found and left out, with why (contract §1 `file-ignored`). */
  ignored: IgnoredEntry[];
}

/** --album-from-folder: the album of a file by its folder (root: the dropped folder's own name, leaf, path). */
export function albumNameFor(file: FoundFile, droppedRoot: string, mode?: AlbumFolderMode): string {
  return albumNameForFolder(file.path, droppedRoot, mode);
}

type FoundWithCompanions = FoundFile & { companions?: Companions };

function companionRows(companions: Companions): CompanionRow[] {
  const rows: CompanionRow[] = [];
  if (companions.raw) rows.push({ kind: 'raw', path: companions.raw.path, size: companions.raw.size });
  if (companions.motion) rows.push({ kind: 'motion', path: companions.motion.path, size: companions.motion.size });
  return rows;
}

/** Records found files and their jobs in one transaction. */
export function recordFound(
  ctx: EngineContext,
  files: FoundWithCompanions[],
  target: UploadTarget,
  result: EnqueueResult,
  onChange: OnChange = 'replace',
  afterUpload?: AfterUpload,
): void {
  const now = ctx.clock.now();
  ctx.db.transaction(() => {
    for (const { companions, ...file } of files) {
      const albumId = 'albumId' in target ? target.albumId : null;
      const albumName = albumId === null ? albumNameFor(file, file.root, 'mode' in target ? target.mode : undefined) : null;
      const inAlbum = (id: number) => finishedImageOf(ctx.db, id, { albumId, albumName });
      // --on-change skip leaves a re-export's photo as it is, and the library keeps knowing the content that was uploaded.
      const { fileId, changed, created, kept } = upsertFile(ctx.db, { ...file, now }, onChange === 'skip' ? (id) => inAlbum(id) !== null : undefined);
      const newCompanions = companions ? setCompanions(ctx.db, fileId, companionRows(companions)) : [];
      // A re-export: new content at a path whose photo is in the album already.
      const replaced = changed && !created && !kept && onChange === 'replace' ? inAlbum(fileId) : null;
      const fileChanged = changed && !kept;
      const ensured = ensureJob(ctx.db, { fileId, albumId, albumName, bytesTotal: file.size, fileChanged, newFile: created, now });
      // A RAW or clip that arrived after its photo was registered: the photo's job goes back to send it and link it.
      const reopened = newCompanions.length > 0 && ensured.status === 'done' ? reopenForLateCompanion(ctx.db, ensured.jobId, now) : null;
      const job = reopened ? { ...ensured, status: reopened } : ensured;
      if (replaced && onChange === 'replace' && job.status === 'queued') setReplacement(ctx.db, job.jobId, replaced);
      // Recorded with the job, so the action survives a kill and is finished by whichever run sees the photo in its album.
      if (afterUpload) planFree(ctx.db, job.jobId, afterUpload, now);
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
  /** The watched folder the paths lie in, when only subfolders of it are walked (see scanFolders). */
  base?: string;
  /** The folders' own files only, not their subfolders (a watched folder where something changed). */
  shallow?: boolean;
}

export async function enqueuePaths(ctx: EngineContext, paths: string[], target: UploadTarget, o: EnqueueOptions = {}): Promise<EnqueueResult> {
  const result = emptyResult();
  let batch: FoundWithCompanions[] = [];
  const holdBack = (file: FoundFile) => {
    if (!o.stillWriting?.(file)) return false;
    o.onStillWriting?.(file);
    return true;
  };
  for await (const item of scanFolders(paths, { signal: o.signal, rules: o.rules, holdBack, logger: ctx.logger, base: o.base, shallow: o.shallow })) {
    if (item.kind === 'problem') result.problems.push({ path: item.path, error: item.error });
    else if (item.kind === 'ignored') result.ignored.push(ignoredEntry(item));
    else {
      const { file, companions } = item;
      batch.push(companions.raw || companions.motion ? { ...file, companions } : file);
      if (batch.length >= BATCH) {
        recordFound(ctx, batch, target, result, o.rules?.onChange, o.rules?.afterUpload);
        batch = [];
      }
    }
  }
  if (batch.length > 0) recordFound(ctx, batch, target, result, o.rules?.onChange, o.rules?.afterUpload);
  return result;
}
