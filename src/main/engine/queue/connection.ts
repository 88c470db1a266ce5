/**
 * Whether uploads may run right now. Transient trouble with the servers is a state of the
 * connection, not of a file: while offline, rate-limited or waiting for credentials, no job is
 * marked failed; the queue simply waits. Offline is left by probing with capped backoff (at
 * most ~8 s apart, so uploads resume within ~10 s of the network coming back).
 */
import type { ConnectionState } from '../../../shared/api';
import type { Clock, Logger } from '../types';

export interface ConnectionMonitor {
  state(): ConnectionState;
  canUpload(): boolean;
  /**
   * Resolves as soon as uploads may run (at once when they may). A transfer already under way
   * awaits this before each of its requests, so a pause holds every worker, not only new claims.
   * Rejects with the signal's reason when aborted.
   */
  whenCanUpload(signal?: AbortSignal): Promise<void>;
  markOffline(): void;
  markOnline(): void;
  rateLimited(seconds: number): void;
  authRequired(message: string): void;
  /** New credentials arrived: try again. */
  credentialsChanged(): void;
  close(): void;
}

const PROBE_DELAYS_MS = [500, 1000, 2000, 4000, 8000];

function waitUntilOnline(isOnline: () => boolean, waiters: Set<() => void>, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (isOnline()) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const release = () => {
      waiters.delete(release);
      signal?.removeEventListener('abort', abort);
      resolve();
    };
    const abort = () => {
      waiters.delete(release);
      reject(signal?.reason);
    };
    waiters.add(release);
    signal?.addEventListener('abort', abort, { once: true });
  });
}

interface MonitorOptions {
  clock: Clock;
  logger: Logger;
  /** Resolves true when the servers answer at all (any HTTP status). */
  probe: () => Promise<boolean>;
  onChange: (state: ConnectionState) => void;
}

/** The current state, who waits for "online", and the one timer (the next probe, or the end of a rate limit). */
function connectionCore(onChange: (state: ConnectionState) => void) {
  let current: ConnectionState = { state: 'online' };
  let timer: NodeJS.Timeout | null = null;
  const waiters = new Set<() => void>();
  const clearTimer = () => {
    if (timer) clearTimeout(timer);
    timer = null;
  };
  return {
    waiters,
    current: () => current,
    set(next: ConnectionState) {
      current = next;
      if (next.state === 'online') for (const release of [...waiters]) release();
      onChange(next);
    },
    clearTimer,
    /** Runs `then` after `ms` (replacing what was armed); does not keep the process alive. */
    after(ms: number, then: () => void) {
      clearTimer();
      timer = setTimeout(then, ms);
      timer.unref?.();
    },
  };
}

/** Offline is left by probing, ever less often (PROBE_DELAYS_MS); the first answer brings the connection back. */
function createProber(core: ReturnType<typeof connectionCore>, o: MonitorOptions, closed: () => boolean, backOnline: () => void) {
  let index = 0;
  const next = () => {
    core.clearTimer();
    if (closed()) return;
    const delay = PROBE_DELAYS_MS[Math.min(index, PROBE_DELAYS_MS.length - 1)];
    index += 1;
    const now = core.current();
    if (now.state === 'offline') core.set({ ...now, nextProbeAt: o.clock.now() + delay });
    core.after(delay, async () => {
      const reachable = await o.probe().catch(() => false);
      if (closed() || core.current().state !== 'offline') return;
      if (reachable) backOnline();
      else next();
    });
  };
  return {
    start() {
      index = 0;
      next();
    },
  };
}

export function createConnectionMonitor(o: MonitorOptions): ConnectionMonitor {
  const core = connectionCore(o.onChange);
  const { current, set } = core;
  let closed = false;
  const prober = createProber(
    core,
    o,
    () => closed,
    () => monitor.markOnline(),
  );
  const monitor: ConnectionMonitor = {
    state: () => current(),
    canUpload: () => current().state === 'online',
    whenCanUpload: (signal) => waitUntilOnline(() => current().state === 'online', core.waiters, signal),
    markOffline() {
      if (current().state === 'offline' || current().state === 'auth-required') return;
      o.logger.warn('servers unreachable: uploads wait and resume by themselves');
      set({ state: 'offline', since: o.clock.now(), nextProbeAt: null });
      prober.start();
    },
    markOnline() {
      // Only "offline" ends with a sign of life. A transfer that was already on the wire when the
      // rate limit came back may still succeed: that says nothing about the pause being over,
      // which ends only when Retry-After has passed (its own timer).
      if (current().state !== 'offline') return;
      o.logger.info('servers reachable again: uploads resume');
      core.clearTimer();
      set({ state: 'online' });
    },
    rateLimited(seconds) {
      const now = current();
      if (now.state === 'auth-required') return;
      const until = o.clock.now() + Math.max(1, seconds) * 1000;
      if (now.state === 'rate-limited' && now.until >= until) return;
      o.logger.warn(`rate limited: the queue pauses for ${Math.round(seconds)} s`);
      core.clearTimer();
      set({ state: 'rate-limited', until });
      core.after(until - o.clock.now(), () => set({ state: 'online' }));
    },
    authRequired(message) {
      // Every job in flight hits the same refusal: say it once, not once per job.
      if (current().state === 'auth-required') return;
      core.clearTimer();
      o.logger.warn('credentials refused: the queue waits for new ones');
      set({ state: 'auth-required', message });
    },
    credentialsChanged() {
      if (current().state === 'auth-required') set({ state: 'online' });
    },
    close() {
      closed = true;
      core.clearTimer();
    },
  };
  return monitor;
}
