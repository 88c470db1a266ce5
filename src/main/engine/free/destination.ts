/**
 * Where --after-upload may move files. Never into a folder being uploaded or watched: moved files would be
 * found there again (as new files of another album, or as changes of the watched one). Links are resolved
 * first, so a link pointing into a watched folder is refused as well.
 */
import { realpathSync } from 'node:fs';
import path from 'node:path';
import type { AfterUpload } from '../../../shared/api';

/** The real path of `p`, or of its nearest existing parent with the rest appended (a destination may not exist yet). */
function realish(p: string): string {
  const absolute = path.resolve(p);
  const missing: string[] = [];
  let at = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(at), ...missing.reverse());
    } catch {
      const parent = path.dirname(at);
      if (parent === at) return absolute;
      missing.push(path.basename(at));
      at = parent;
    }
  }
}

const inside = (child: string, parent: string) => {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
};

/** A sentence saying why `dir` may not receive the moved files, or null when it may. */
export function destinationProblem(dir: string, folders: string[]): string | null {
  const destination = realish(dir);
  for (const folder of folders) {
    const real = realish(folder);
    if (inside(destination, real)) {
      return `--after-upload move:${dir} is inside ${folder}, which is uploaded or watched: moved photos would be found there again. Give a folder outside it.`;
    }
  }
  return null;
}

/** `keep`, `delete` or `move:<dir>` (contract §1) → the action; throws a sentence naming the forms. */
export function parseAfterUpload(value: string): AfterUpload {
  if (value === 'keep' || value === 'delete') return { action: value };
  if (value.startsWith('move:') && value.length > 'move:'.length) return { action: 'move', dir: path.resolve(value.slice('move:'.length)) };
  throw new Error(`--after-upload "${value}" is not an action: give keep (default), delete, or move:<folder> (e.g. move:~/Pictures/from-card).`);
}
