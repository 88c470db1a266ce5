/**
 * The job steps under way, each under its own AbortController: how many of each kind run, and stopping
 * some (pause, cancel) or all of them (stop).
 */
export type StepKind = 'hash' | 'upload';

interface Step {
  controller: AbortController;
  done: Promise<void>;
  kind: StepKind;
}

export interface RunningSteps {
  /** Runs body for this job; `finished` is called once it ended, however it ended, after the counts dropped. */
  start(jobId: number, kind: StepKind, body: (signal: AbortSignal) => Promise<void>, finished: () => void): void;
  count(kind: StepKind): number;
  size(): number;
  /** Aborts these jobs' steps; resolves once their transfers stopped. */
  abort(jobIds: number[]): Promise<void>;
  /** Aborts every step and waits for all of them. */
  abortAll(): Promise<void>;
}

export function createRunningSteps(): RunningSteps {
  const steps = new Map<number, Step>();
  const counts: Record<StepKind, number> = { hash: 0, upload: 0 };
  return {
    start(jobId, kind, body, finished) {
      const controller = new AbortController();
      counts[kind] += 1;
      const done = (async () => {
        try {
          await body(controller.signal);
        } finally {
          counts[kind] -= 1;
          steps.delete(jobId);
          finished();
        }
      })();
      steps.set(jobId, { controller, done, kind });
    },
    count: (kind) => counts[kind],
    size: () => steps.size,
    async abort(jobIds) {
      const chosen = jobIds.flatMap((id) => steps.get(id) ?? []);
      chosen.forEach((step) => step.controller.abort());
      // Transfers stop at once; a read on a drive that stopped answering may not (see reader-thread.ts): not waited for.
      await Promise.allSettled(chosen.filter((step) => step.kind === 'upload').map((step) => step.done));
    },
    async abortAll() {
      const all = [...steps.values()];
      for (const step of all) step.controller.abort();
      await Promise.allSettled(all.map((step) => step.done));
    },
  };
}
