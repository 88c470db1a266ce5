/** Progress bars move between chunk acknowledgements too: every uploading job is announced twice a second. */
import type { EngineContext } from '../context';

export function startProgressTicker(ctx: EngineContext, everyMs = 500): () => void {
  const timer = setInterval(() => {
    for (const id of ctx.inFlight.keys()) ctx.jobChanged(id);
  }, everyMs);
  timer.unref();
  return () => clearInterval(timer);
}
