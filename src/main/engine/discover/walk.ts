/**
 * walkPhotos: every photo below the given roots, streamed (opendir), so a folder of 50,000 files never builds
 * a big array. A bad entry becomes a WalkProblem and the walk goes on.
 *
 * Symbolic links below a root are never followed, to a folder or to a file: one that points outside the
 * folder the user chose would upload what lies elsewhere on the disk (private photos, a whole home folder),
 * and one that points inside it leads to what the walk reaches anyway at its real place, where it is found
 * once under its real path. So no loop can arise. A link pointing outside is logged (info), one pointing
 * inside only at debug. A root itself may be a link (a mounted card, a folder the user linked): the user
 * chose it.
 */
import { lstat, opendir, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { IgnoredEntry } from '../../../shared/api';
import { AppError, toView, type ErrorView } from '../../../shared/errors';
import { classifyNodeError } from '../queue/retry-policy';
import type { Logger } from '../types';
import { ignoredNameReason, mediaKindByName } from '../metadata/media-types';

export interface FoundFile {
  path: string;
  root: string;
  relativePath: string;
  size: number;
  mtimeMs: number;
}

export interface WalkProblem {
  path: string;
  error: ErrorView;
}

export function isWalkProblem(item: FoundFile | WalkProblem): item is WalkProblem {
  return 'error' in item;
}

function problem(path: string, error: unknown): WalkProblem {
  return { path, error: toView(classifyNodeError(error, path)) };
}

/**
 * A name that is not valid UTF-8 (an old camera's or archive's Latin-1 "é") reaches us with U+FFFD in
 * place of its bad bytes, so the file cannot be opened by that name: say so instead of "no longer exists".
 */
function entryProblem(path: string, name: string, error: unknown): WalkProblem {
  if (!name.includes('\uFFFD') || (error as { code?: string }).code !== 'ENOENT') return problem(path, error);
  const message = `${path} has a name that is not valid UTF-8 (the sign � stands for bytes of another character set), so it cannot be opened by its name. Rename it, then add it again.`;
  return { path, error: toView(new AppError('UNREADABLE', message, { details: { path } })) };
}

function found(path: string, root: string, stats: Stats): FoundFile {
  return { path, root, relativePath: relative(root, path).split(sep).join('/'), size: stats.size, mtimeMs: stats.mtimeMs };
}

/** A file (or a junk folder) found and left out, with why: nothing is dropped without a word (contract §1). */
export type IgnoredListener = (entry: IgnoredEntry) => void;

interface WalkState {
  visited: Set<string>;
  signal?: AbortSignal;
  logger?: Logger;
  onIgnored?: IgnoredListener;
  /** Only the given folders' own entries (a watched folder where something changed), not their subfolders. */
  shallow?: boolean;
}

/** The root being walked: the path the user gave and where it really is (for links below it). */
interface Root {
  path: string;
  real: string;
}

/** Whether a real path (no links in it) lies in the folder whose real path is `rootReal`. */
export function isInside(real: string, rootReal: string): boolean {
  return real === rootReal || real.startsWith(rootReal.endsWith(sep) ? rootReal : rootReal + sep);
}

/** Says where a link below the root leads; a link that cannot be resolved (dangling, a loop) is a problem only for photo names. */
async function skipLink(path: string, name: string, root: Root, state: WalkState): Promise<WalkProblem | null> {
  let target: string;
  try {
    target = await realpath(path);
  } catch (error) {
    return mediaKindByName(name) ? problem(path, error) : null;
  }
  // Only links that would have led to photos are worth a line: to a folder, or with a photo's name.
  if (
    !mediaKindByName(name) &&
    !(await stat(target).then(
      (s) => s.isDirectory(),
      () => false,
    ))
  )
    return null;
  if (isInside(target, root.real)) state.logger?.debug(`scan: ${path} is a link to ${target}, inside ${root.path}: found there, not through the link`);
  else {
    state.logger?.info(
      `scan: not followed: ${path} is a symbolic link to ${target}, outside the folder ${root.path}; nothing outside a chosen folder is uploaded`,
    );
    // Not uploaded, so said (contract §1: nothing found is dropped silently); the reporters word it as a link.
    state.onIgnored?.({ path, reason: 'unsupported', linkTo: target });
  }
  return null;
}

/** Entries stat'ed at once: one at a time, a folder of thousands waited on thousands of thread-pool round trips in a row. */
const STAT_BATCH = 64;

interface Candidate {
  path: string;
  name: string;
  isDir: boolean;
}

/** Stats the candidates together (lstat: links are not followed) and reports them in directory order. */
async function* statBatch(candidates: Candidate[], root: Root, state: WalkState, subdirs: string[]): AsyncGenerator<FoundFile | WalkProblem> {
  const results = await Promise.allSettled(candidates.map((c) => lstat(c.path)));
  for (const [i, result] of results.entries()) {
    const { path, name, isDir } = candidates[i]!;
    if (result.status === 'rejected') {
      if (isDir || mediaKindByName(name)) yield entryProblem(path, name, result.reason);
      continue;
    }
    const stats = result.value;
    if (stats.isSymbolicLink()) {
      const linkProblem = await skipLink(path, name, root, state);
      if (linkProblem) yield linkProblem;
    } else if (stats.isDirectory()) subdirs.push(path);
    else if (!mediaKindByName(name)) {
      if (stats.isFile()) state.onIgnored?.({ path, reason: 'unsupported' });
    } else if (stats.isFile()) yield found(path, root.path, stats);
    else state.logger?.info(`scan: not read: ${path} is not a regular file (a pipe, a device or a socket)`);
  }
}

/** Entries of one directory; subdirectories are returned for the caller's stack, files are yielded. */
async function* walkDirectory(dir: string, root: Root, state: WalkState, subdirs: string[]): AsyncGenerator<FoundFile | WalkProblem> {
  let handle;
  try {
    handle = await opendir(dir, { bufferSize: 256 });
  } catch (error) {
    yield problem(dir, error);
    return;
  }
  const batch: Candidate[] = [];
  try {
    for await (const entry of handle) {
      state.signal?.throwIfAborted();
      const ignored = ignoredNameReason(entry.name);
      if (ignored) {
        state.onIgnored?.({ path: join(dir, entry.name), reason: ignored });
        continue;
      }
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isSymbolicLink() && !mediaKindByName(entry.name)) {
        if (entry.isFile()) state.onIgnored?.({ path: join(dir, entry.name), reason: 'unsupported' });
        continue;
      }
      batch.push({ path: join(dir, entry.name), name: entry.name, isDir });
      if (batch.length >= STAT_BATCH) yield* statBatch(batch.splice(0), root, state, subdirs);
    }
    yield* statBatch(batch.splice(0), root, state, subdirs);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    yield problem(dir, error);
  }
}

async function* walkTree(root: Root, state: WalkState): AsyncGenerator<FoundFile | WalkProblem> {
  const stack = [root.path];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let key: string;
    try {
      const stats = await stat(dir);
      key = `${stats.dev}:${stats.ino}`;
    } catch (error) {
      yield entryProblem(dir, basename(dir), error);
      continue;
    }
    if (state.visited.has(key)) continue; // given twice (two roots, one inside the other): already walked
    state.visited.add(key);
    const subdirs: string[] = [];
    yield* walkDirectory(dir, root, state, subdirs);
    if (!state.shallow) stack.push(...subdirs.reverse());
  }
}

export async function* walkPhotos(
  roots: string[],
  o: { signal?: AbortSignal; logger?: Logger; onIgnored?: IgnoredListener; shallow?: boolean } = {},
): AsyncGenerator<FoundFile | WalkProblem> {
  const state: WalkState = { visited: new Set(), signal: o.signal, logger: o.logger, onIgnored: o.onIgnored, shallow: o.shallow };
  for (const given of roots) {
    const root = resolve(given);
    let stats: Stats;
    let real: string;
    let isLink: boolean;
    try {
      stats = await stat(root);
      real = await realpath(root);
      isLink = (await lstat(root)).isSymbolicLink();
    } catch (error) {
      yield problem(root, error);
      continue;
    }
    if (stats.isDirectory()) yield* walkTree({ path: root, real }, state);
    else if (!stats.isFile()) continue;
    else if (ignoredNameReason(basename(root))) state.onIgnored?.({ path: root, reason: ignoredNameReason(basename(root))! });
    // A file given as a link is the file it points to, in its own folder (where it is read, checked, named).
    else if (isLink) yield found(real, dirname(real), stats);
    else yield found(root, dirname(root), stats);
  }
}
