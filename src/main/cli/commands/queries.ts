/** `pixdrop status`, `pixdrop albums`, `pixdrop retry`. */
import { existsSync } from 'node:fs';
import type { AlbumView } from '../../../shared/api';
import { AppError } from '../../../shared/errors';
import { libraryPath, openLibrary } from '../../engine/library/db';
import { runQueueCommand } from '../../engine/commands/queue-command';
import type { ControlRequest } from '../../engine/commands/control-channel';
import { demoServicesFor } from '../../localstack/services';
import { countByStatus, listJobViews } from '../../engine/library/job-views';
import { getJob } from '../../engine/library/jobs';
import { EXIT_FAILED, EXIT_OK, UsageError } from '../exit';
import { formatBytes } from '../format';
import { failureLine } from '../reporters';
import { loadConfig, makeLogger } from '../setup';

/** Rows of files still to go that the text form shows; --json lists up to 1000. */
const UNFINISHED_ROWS = 50;

function printUnfinished(files: { id: number; path: string; status: string }[], byStatus: Partial<Record<string, number>>): void {
  if (files.length === 0) return;
  const total = ['queued', 'hashing', 'uploading', 'registering', 'waiting', 'paused'].reduce((n, s) => n + (byStatus[s] ?? 0), 0);
  process.stdout.write('\nNot yet in their album (cancel with `pixdrop cancel <id>`):\n');
  files.slice(0, UNFINISHED_ROWS).forEach((f) => process.stdout.write(`  ${String(f.id).padStart(6)}  ${f.status.padEnd(11)} ${f.path}\n`));
  if (total > UNFINISHED_ROWS) process.stdout.write(`  … and ${total - UNFINISHED_ROWS} more (\`pixdrop status --json\` lists up to 1000)\n`);
}

/** Read from the local database only: no network, no lock (WAL lets it read beside a running engine). */
export function runStatus(o: { json?: boolean }): number {
  const config = loadConfig();
  const empty = !existsSync(libraryPath(config.dataDir));
  const db = empty ? null : openLibrary(config.dataDir, { readonly: true });
  try {
    const counts = db ? countByStatus(db) : null;
    const failed = db ? listJobViews(db, { filter: 'failed', limit: 1000 }, () => 0).jobs : [];
    // The files still to go, with the ids `pixdrop cancel` takes.
    const unfinished = db ? listJobViews(db, { filter: 'active', limit: 1000 }, () => 0).jobs : [];
    const summary = {
      data_dir: config.dataDir,
      demo_mode: config.demoMode,
      total: counts?.total ?? 0,
      by_status: counts?.byStatus ?? {},
      bytes_total: counts?.bytesTotal ?? 0,
      bytes_done: counts?.bytesConfirmed ?? 0,
      failed: failed.map((j) => ({ id: j.id, path: j.path, error: j.error })),
      unfinished: unfinished.map((j) => ({ id: j.id, path: j.path, status: j.status })),
    };
    if (o.json) {
      process.stdout.write(`${JSON.stringify(summary)}\n`);
      return EXIT_OK;
    }
    process.stdout.write(`PixDrop queue (${config.dataDir}${config.demoMode ? ', demo mode' : ''})\n`);
    for (const [status, n] of Object.entries(summary.by_status)) if (n) process.stdout.write(`  ${status.padEnd(12)} ${n}\n`);
    process.stdout.write(`  ${'total'.padEnd(12)} ${summary.total}  (${formatBytes(summary.bytes_done)} of ${formatBytes(summary.bytes_total)} sent)\n`);
    printUnfinished(summary.unfinished, counts?.byStatus ?? {});
    if (failed.length > 0) {
      process.stdout.write('\nFailed (retry with `pixdrop retry --all` or `pixdrop retry <id>`):\n');
      failed.forEach((j) => process.stdout.write(`  ${String(j.id).padStart(6)}  ${failureLine(j.path, j.error)}\n`));
    }
    return EXIT_OK;
  } finally {
    db?.close();
  }
}

/**
 * The albums, asked of the engine that runs on this data dir (a `watch`, an `upload`, the app) or of one opened
 * here for the question only (its queue is not started: asking sends nothing).
 */
export async function runAlbums(o: { json?: boolean }): Promise<number> {
  const config = loadConfig();
  const logger = makeLogger(config);
  const { result } = await runQueueCommand({ config, logger, request: { method: 'listAlbums' }, startServices: demoServicesFor(config, logger) });
  if (!result.ok) {
    process.stderr.write(`pixdrop: ${result.error.message}\n`);
    return EXIT_FAILED;
  }
  const albums = result.value as AlbumView[];
  if (o.json) process.stdout.write(`${JSON.stringify(albums)}\n`);
  else if (albums.length === 0) process.stdout.write('No albums yet. `pixdrop upload <folder> --album-from-folder` creates one per folder.\n');
  else albums.forEach((a) => process.stdout.write(`${a.id}\t${a.name}\t${a.images_count} photo(s)\n`));
  return EXIT_OK;
}

/**
 * Through the engine, never the library behind its back: a running `watch`, `upload`, `serve` or app
 * takes the files at once; with none running, this process opens the engine, requeues, and closes it.
 */
/** The ids given, split into numbers and words that are no id (each named, not only the first). */
function fileIds(ids: string[]): { ids: number[]; notIds: string[] } {
  const numbers = ids.map(Number);
  const isId = (n: number) => Number.isInteger(n) && n > 0;
  return { ids: numbers.filter(isId), notIds: ids.filter((_, i) => !isId(numbers[i]!)) };
}

/** What a command cannot do to a file of this status, said by that id; undefined when it can. */
type Unusable = (status: string) => string | undefined;

const FINISHED = new Set(['done', 'skipped', 'replaced']);

const NOT_RETRIED: Unusable = (status) => {
  if (FINISHED.has(status)) return 'is already uploaded (in its album)';
  if (status === 'cancelled') return 'was cancelled (add the file again to upload it)';
  return status === 'failed' ? undefined : 'has not failed (it is still in the queue)';
};

const NOT_CANCELLED: Unusable = (status) =>
  FINISHED.has(status) ? 'is already uploaded (in its album; cancel does not take it out)' : status === 'cancelled' ? 'is cancelled already' : undefined;

/**
 * Every id given that the command cannot use is named, with why: not a number, no file of this queue, or a file the
 * command does not apply to (`retry` of an uploaded file). With none usable, nothing is asked of the engine (exit 2).
 */
function checkIds(given: { ids: number[]; notIds: string[] } | 'all' | 'all-failed', unusable: Unusable): string[] {
  if (!('ids' in Object(given))) return [];
  const { ids, notIds } = given as { ids: number[]; notIds: string[] };
  const said = notIds.map((id) => `"${id}" is not a file id`);
  const config = loadConfig();
  // No queue yet: the engine says so (queueCommand), after any word that is no id.
  if (!existsSync(libraryPath(config.dataDir))) {
    if (said.length > 0) throw new UsageError(`${said.join('; ')}; nothing was changed.`);
    return [];
  }
  const db = openLibrary(config.dataDir, { readonly: true });
  let usable = 0;
  const unknown: number[] = [];
  try {
    for (const id of ids) {
      const job = getJob(db, id);
      const why = job ? unusable(job.status) : undefined;
      if (!job) unknown.push(id);
      else if (why) said.push(`file ${id} ${why}`);
      else usable += 1;
    }
  } finally {
    db.close();
  }
  if (unknown.length > 0) said.push(`no file with id ${unknown.join(', ')} in this queue`);
  // Said once, after the ids it explains.
  if (unknown.length > 0 || notIds.length > 0) said.push(`ids are the numbers \`pixdrop status\` shows, for the same PIXDROP_DATA_DIR`);
  if (usable === 0 && said.length > 0) throw new UsageError(`${said.join('; ')}; nothing was changed.`);
  return said;
}

const sayUnusable = (said: string[]) => {
  if (said.length > 0) process.stderr.write(`pixdrop: ${said.join('; ')}.\n`);
};

/** A queue command handed to the engine (the running one, or one opened here); its answer, or the error it gave. */
async function queueCommand<T>(request: ControlRequest): Promise<{ handledBy: 'running' | 'this'; value: T }> {
  const config = loadConfig();
  if (!existsSync(libraryPath(config.dataDir))) throw new AppError('CONFIG', `There is no queue in ${config.dataDir} yet.`);
  const logger = makeLogger(config);
  const { handledBy, result } = await runQueueCommand({ config, logger, request, startServices: demoServicesFor(config, logger) });
  if (!result.ok) throw new AppError(result.error.code, result.error.message, { details: result.error.details });
  return { handledBy, value: result.value as T };
}

export async function runRetry(ids: string[], o: { all?: boolean }): Promise<number> {
  if (!o.all && ids.length === 0)
    throw new UsageError('say which files to retry: `pixdrop retry --all` or `pixdrop retry <file-id>…` (ids from `pixdrop status`).');
  const given = o.all ? 'all-failed' : fileIds(ids);
  const unusable = checkIds(given, NOT_RETRIED);
  const request = { method: 'retryJobs', ids: typeof given === 'string' ? given : given.ids } as const;
  const { handledBy, value } = await queueCommand<{ requeued: number }>(request);
  sayUnusable(unusable);
  process.stdout.write(
    handledBy === 'running'
      ? `The running PixDrop picked up ${value.requeued} file(s); they upload now.\n`
      : `${value.requeued} file(s) back in the queue. They upload the next time PixDrop runs (e.g. \`pixdrop upload\` again or the app).\n`,
  );
  return EXIT_OK;
}

/**
 * `pixdrop cancel`: the files leave the queue (a transfer under way is aborted at once by the engine running it);
 * a cancelled file is uploaded again only when it is added again. Files already in their album stay there.
 */
export async function runCancel(ids: string[], o: { all?: boolean }): Promise<number> {
  if (!o.all && ids.length === 0)
    throw new UsageError('say which files to cancel: `pixdrop cancel --all` or `pixdrop cancel <file-id>…` (ids from `pixdrop status`).');
  const given = o.all ? 'all' : fileIds(ids);
  const unusable = checkIds(given, NOT_CANCELLED);
  const request = { method: 'cancelJobs', ids: typeof given === 'string' ? given : given.ids } as const;
  const { handledBy, value } = await queueCommand<{ cancelled: number }>(request);
  sayUnusable(unusable);
  const where = handledBy === 'running' ? 'the running PixDrop stopped them' : 'none will be uploaded';
  process.stdout.write(`${value.cancelled} file(s) cancelled: ${where}. Add a file again to upload it after all.\n`);
  return EXIT_OK;
}
