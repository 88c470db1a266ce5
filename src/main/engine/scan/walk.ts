/**
 * walkPhotos: every photo below the given roots, streamed (opendir), so a folder of 50,000 files never builds
 * a big array. Follows symlinks but never twice into the same directory (no loops). A bad entry becomes a
 * WalkProblem and the walk goes on.
 */
import { opendir, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { toView, type ErrorView } from '../../../shared/errors';
import { classifyNodeError } from '../queue/retryPolicy';
import { ignoredNameReason, mediaKindByName, type IgnoredReason } from './media-types';

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

function found(path: string, root: string, stats: Stats): FoundFile {
  return { path, root, relativePath: relative(root, path).split(sep).join('/'), size: stats.size, mtimeMs: stats.mtimeMs };
}

/** A file (or a junk folder) found and left out, with why: nothing is dropped without a word (contract §1). */
export type IgnoredListener = (path: string, reason: IgnoredReason) => void;

interface WalkState {
  visited: Set<string>;
  signal?: AbortSignal;
  onIgnored?: IgnoredListener;
}

/** Entries stat'ed at once: one at a time, a folder of thousands waited on thousands of thread-pool round trips in a row. */
const STAT_BATCH = 64;

interface Candidate {
  path: string;
  name: string;
  isDir: boolean;
}

/** Stats the candidates together and reports them in directory order. */
async function* statBatch(candidates: Candidate[], root: string, subdirs: string[], state: WalkState): AsyncGenerator<FoundFile | WalkProblem> {
  // stat follows symlinks; a loop of links fails here with ELOOP.
  const results = await Promise.allSettled(candidates.map((c) => stat(c.path)));
  for (const [i, result] of results.entries()) {
    const { path, name, isDir } = candidates[i]!;
    if (result.status === 'rejected') {
      if (isDir || mediaKindByName(name)) yield problem(path, result.reason);
      continue;
    }
    const stats = result.value;
    if (stats.isDirectory()) subdirs.push(path);
    else if (stats.isFile() && mediaKindByName(name)) yield found(path, root, stats);
    else if (stats.isFile()) state.onIgnored?.(path, 'unsupported');
  }
}

/** Entries of one directory; subdirectories are returned for the caller's stack, files are yielded. */
async function* walkDirectory(dir: string, root: string, state: WalkState, subdirs: string[]): AsyncGenerator<FoundFile | WalkProblem> {
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
        state.onIgnored?.(join(dir, entry.name), ignored);
        continue;
      }
      const isDir = entry.isDirectory();
      if (!isDir && !entry.isSymbolicLink() && !mediaKindByName(entry.name)) {
        if (entry.isFile()) state.onIgnored?.(join(dir, entry.name), 'unsupported');
        continue;
      }
      batch.push({ path: join(dir, entry.name), name: entry.name, isDir });
      if (batch.length >= STAT_BATCH) yield* statBatch(batch.splice(0), root, subdirs, state);
    }
    yield* statBatch(batch.splice(0), root, subdirs, state);
  } catch (error) {
    if (error instanceof Error && error.name === 'AbortError') throw error;
    yield problem(dir, error);
  }
}

async function* walkTree(root: string, state: WalkState): AsyncGenerator<FoundFile | WalkProblem> {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop()!;
    let key: string;
    try {
      const stats = await stat(dir);
      key = `${stats.dev}:${stats.ino}`;
    } catch (error) {
      yield problem(dir, error);
      continue;
    }
    if (state.visited.has(key)) continue; // reached again through a symlink: already walked
    state.visited.add(key);
    const subdirs: string[] = [];
    yield* walkDirectory(dir, root, state, subdirs);
    stack.push(...subdirs.reverse());
  }
}

export async function* walkPhotos(roots: string[], o: { signal?: AbortSignal; onIgnored?: IgnoredListener } = {}): AsyncGenerator<FoundFile | WalkProblem> {
  const state: WalkState = { visited: new Set(), signal: o.signal, onIgnored: o.onIgnored };
  for (const given of roots) {
    const root = resolve(given);
    let stats: Stats;
    try {
      stats = await stat(root);
    } catch (error) {
      yield problem(root, error);
      continue;
    }
    if (stats.isDirectory()) yield* walkTree(root, state);
    else if (stats.isFile()) {
      const ignored = ignoredNameReason(basename(root));
      if (ignored) state.onIgnored?.(root, ignored);
      else yield found(root, dirname(root), stats);
    }
  }
}
