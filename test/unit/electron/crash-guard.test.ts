/**
 * A main-process error outside any request: logged, shown without blocking, the app (and its
 * uploads) going on; only a loop of errors quits, once, through the clean stop.
 */
import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { installCrashGuard, type CrashGuardHooks } from '../../../src/main/electron/crash-guard';

function setup(o: { maxErrors?: number; showEveryMs?: number } = {}) {
  const proc = new EventEmitter();
  let clock = 1_000_000;
  const seen = { logged: [] as { kind: string; message: string; stack?: string }[], shown: [] as string[], quit: [] as string[] };
  const hooks: CrashGuardHooks = {
    log: (kind, error) => seen.logged.push({ kind, ...error }),
    show: (message) => seen.shown.push(message),
    quit: (message) => seen.quit.push(message),
  };
  let ready: CrashGuardHooks | null = hooks;
  const uninstall = installCrashGuard(proc as unknown as NodeJS.Process, () => ready, { ...o, now: () => clock });
  return {
    proc,
    seen,
    uninstall,
    advance: (ms: number) => (clock += ms),
    notReady: () => (ready = null),
  };
}

describe('the main-process crash guard', () => {
  it('logs and shows an uncaught exception and an unhandled rejection, and does not quit', () => {
    const { proc, seen, advance } = setup();
    expect(proc.listenerCount('uncaughtException')).toBe(1);
    expect(proc.listenerCount('unhandledRejection')).toBe(1);
    proc.emit('uncaughtException', new Error('stream write after end'));
    advance(20_000);
    proc.emit('unhandledRejection', 'a plain string reason', Promise.resolve());
    expect(seen.logged).toEqual([
      { kind: 'uncaughtException', message: 'stream write after end', stack: expect.stringContaining('stream write after end') },
      { kind: 'unhandledRejection', message: 'a plain string reason' },
    ]);
    expect(seen.shown).toHaveLength(2);
    expect(seen.shown[0]).toMatch(/internal error \(stream write after end\)\. Uploads go on; if a photo stays stuck, Retry it/);
    expect(seen.quit).toEqual([]);
  });

  it('shows at most one notice per 10 s but logs every error', () => {
    const { proc, seen, advance } = setup();
    for (let i = 0; i < 5; i++) {
      proc.emit('uncaughtException', new Error(`boom ${i}`));
      advance(1_000);
    }
    expect(seen.logged).toHaveLength(5);
    expect(seen.shown).toHaveLength(1);
    advance(10_000);
    proc.emit('uncaughtException', new Error('later'));
    expect(seen.shown).toHaveLength(2);
  });

  it('masks a secret in the message before it is logged or shown', () => {
    const { proc, seen } = setup();
    proc.emit('uncaughtException', new Error('failed for cloudinary://123456789012345:s3cr3tValue@demo'));
    expect(JSON.stringify(seen)).not.toContain('s3cr3tValue');
  });

  it('quits once, with a reason, when errors keep coming (more than 10 in a minute)', () => {
    const { proc, seen, advance } = setup();
    for (let i = 0; i < 15; i++) {
      proc.emit('uncaughtException', new Error(`loop ${i}`));
      advance(100);
    }
    expect(seen.quit).toHaveLength(1);
    expect(seen.quit[0]).toMatch(/11 internal errors in a row \(last: loop 10\).*Start it again: every photo continues where it stopped/);
  });

  it('errors spread over time never quit', () => {
    const { proc, seen, advance } = setup();
    for (let i = 0; i < 30; i++) {
      proc.emit('uncaughtException', new Error(`rare ${i}`));
      advance(10_000);
    }
    expect(seen.quit).toEqual([]);
  });

  it('before the engine exists, writes to stderr and keeps the process alive; uninstall removes both listeners', () => {
    const { proc, seen, notReady, uninstall } = setup();
    notReady();
    const written: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    process.stderr.write = ((chunk: string) => (written.push(String(chunk)), true)) as typeof process.stderr.write;
    try {
      proc.emit('uncaughtException', new Error('too early'));
    } finally {
      process.stderr.write = original;
    }
    expect(written.join('')).toContain('too early');
    expect(seen.logged).toEqual([]);
    uninstall();
    expect(proc.listenerCount('uncaughtException') + proc.listenerCount('unhandledRejection')).toBe(0);
  });
});
