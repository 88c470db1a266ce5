/**
 * What a scan of the given paths offers, before anything is recorded: the walk's files, less what the rules
 * leave out (filtered) and the half of a pair a --raw-jpeg mode does not upload (paired), grouped into album
 * photos with their companions. Shared by the queue (enqueue.ts) and the dry run, so the plan is what the
 * real run then does. Nothing is written here.
 */
import path from 'node:path';
import type { IgnoredEntry } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { compileRules, type CompiledRules, type ScanRules } from './filters';
import { inspectPhoto } from '../read/inspect';
import { groupPairs, type Companions } from './pairs';
import type { Logger } from '../types';
import { walkPhotos, type FoundFile } from './walk';

export type ScanItem =
  { kind: 'photo'; file: FoundFile; companions: Companions } | ({ kind: 'ignored' } & IgnoredEntry) | { kind: 'problem'; path: string; error: ErrorView };

export interface ScanFolderOptions {
  signal?: AbortSignal;
  rules?: ScanRules;
  logger?: Logger;
  /** A file taken out before grouping (a watched file still being written): not reported here. */
  holdBack?: (file: FoundFile) => boolean;
  /**
   * The folder the paths lie in when only parts of it are walked (a watched folder's subfolder where files
   * arrived): files are relative to it, so globs and album names are what a walk of the whole folder gives.
   */
  base?: string;
  /** The folders' own files only, not their subfolders. */
  shallow?: boolean;
}

function rebased(file: FoundFile, base: string | undefined): FoundFile {
  if (!base || file.root === base) return file;
  return { ...file, root: base, relativePath: path.relative(base, file.path).split(path.sep).join('/') };
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

/** An ignored item as said to the user: without the scan's own `kind`. */
export function ignoredEntry({ path, reason, linkTo }: IgnoredEntry): IgnoredEntry {
  return linkTo ? { path, reason, linkTo } : { path, reason };
}

function* grouped(folder: FoundFile[], rules: ScanRules | undefined): Generator<ScanItem> {
  const { photos, paired } = groupPairs(folder, rules?.rawJpeg ?? 'pair');
  for (const file of paired) yield { kind: 'ignored', path: file.path, reason: 'paired' };
  for (const { file, companions } of photos) yield { kind: 'photo', file, companions };
}

export async function* scanFolders(paths: string[], o: ScanFolderOptions = {}): AsyncGenerator<ScanItem> {
  const rules = compileRules(o.rules);
  const ignored: ScanItem[] = [];
  const onIgnored = (entry: IgnoredEntry) => ignored.push({ kind: 'ignored', ...entry });
  let folder: FoundFile[] = [];
  for (const root of paths.map((p) => path.resolve(p))) {
    for await (const walked of walkPhotos([root], { signal: o.signal, logger: o.logger, onIgnored, shallow: o.shallow })) {
      yield* ignored.splice(0);
      if ('error' in walked) {
        yield { kind: 'problem', path: walked.path, error: walked.error };
        continue;
      }
      const entry = rebased(walked, o.base);
      if (!rules.keepsPath(entry.relativePath) || !(await keptByDate(rules, entry, o.signal))) {
        yield { kind: 'ignored', path: entry.path, reason: 'filtered' };
        continue;
      }
      if (o.holdBack?.(entry)) continue;
      // The walk gives a folder's files together: a folder is grouped into pairs once it is complete.
      if (folder.length > 0 && path.dirname(entry.path) !== path.dirname(folder[0]!.path)) yield* grouped(folder.splice(0), o.rules);
      folder.push(entry);
    }
    yield* ignored.splice(0);
  }
  yield* grouped(folder, o.rules);
}
