/** Walking and recording paths (drops, `upload`, watched folders) while the status says "scanning". */
import type { UploadTarget } from '../../../shared/api';
import type { EngineContext } from '../context';
import { enqueuePaths, type EnqueueOptions } from './enqueue';

export interface Scanner {
  scan(paths: string[], target: UploadTarget, options?: EnqueueOptions): ReturnType<typeof enqueuePaths>;
  /** A scan is under way. */
  scanning(): boolean;
}

export function createScanner(
  ctx: EngineContext,
  o: { statusChanged(): void; wake(): void; ignored(files: Awaited<ReturnType<typeof enqueuePaths>>['ignored']): void },
): Scanner {
  let running = 0;
  return {
    async scan(paths, target, options = {}) {
      running += 1;
      o.statusChanged();
      try {
        const result = await enqueuePaths(ctx, paths, target, options);
        for (const problem of result.problems) ctx.emit({ type: 'notice', level: 'warning', code: problem.error.code, message: problem.error.message });
        o.ignored(result.ignored);
        return result;
      } finally {
        running -= 1;
        o.statusChanged();
        o.wake();
      }
    },
    scanning: () => running > 0,
  };
}
