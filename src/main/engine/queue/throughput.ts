/**
 * Smoothed upload speed and ETA for the overall bar: an exponentially weighted average of
 * bytes/s sampled at most once a second, so the numbers don't jump with every chunk.
 */
export interface Throughput {
  sample(bytesDone: number, now: number): void;
  bytesPerSecond(): number;
  etaSeconds(bytesLeft: number): number | null;
}

export function createThroughput(halfLifeSeconds = 5): Throughput {
  let lastBytes: number | null = null;
  let lastAt = 0;
  let rate = 0;
  return {
    sample(bytesDone, now) {
      if (lastBytes === null || bytesDone < lastBytes) {
        lastBytes = bytesDone;
        lastAt = now;
        return;
      }
      const dt = (now - lastAt) / 1000;
      if (dt < 1) return;
      const instant = (bytesDone - lastBytes) / dt;
      const alpha = 1 - Math.pow(0.5, dt / halfLifeSeconds);
      rate = rate === 0 ? instant : rate + alpha * (instant - rate);
      lastBytes = bytesDone;
      lastAt = now;
    },
    bytesPerSecond: () => Math.round(rate),
    etaSeconds: (bytesLeft) => (rate > 1 ? Math.ceil(bytesLeft / rate) : bytesLeft === 0 ? 0 : null),
  };
}
