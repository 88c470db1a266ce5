/**
 * The paths of one command, each once: a folder given twice, or a file or folder inside another folder given,
 * would be scanned twice (the plan counted its photos twice, the run queued them twice and uploaded them once).
 * The outer folder is kept, in the order given.
 */
import path from 'node:path';

const inside = (child: string, parent: string) => child === parent || child.startsWith(parent.endsWith(path.sep) ? parent : parent + path.sep);

/** `paths` are absolute. */
export function distinctPaths(paths: string[]): string[] {
  const kept: string[] = [];
  paths.forEach((p, i) => {
    const covered = paths.some((other, j) => j !== i && inside(p, other) && (p !== other || j < i));
    if (!covered) kept.push(p);
  });
  return kept;
}
