/**
 * The crash reporter keeps dumps in the data dir and never uploads them; it starts only when the
 * crashReports setting is on; the dumps are counted where the person sees them (Settings).
 */
import { mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { desktopDataDir, startLocalCrashReporter } from '../../../src/main/electron/crash-reporter';
import { summarizeCrashDumps } from '../../../src/main/engine/diagnostics/crash-dumps';
import { saveSettings } from '../../../src/main/engine/settings';
import { tempDir } from '../../helpers/stack';

function fakeElectron() {
  const paths: Record<string, string> = {};
  const starts: unknown[] = [];
  return {
    paths,
    starts,
    e: { app: { setPath: (name: string, value: string) => void (paths[name] = value) }, crashReporter: { start: (o: unknown) => void starts.push(o) } },
  };
}

describe('local crash reporter', () => {
  it('starts with no upload, dumps in <data dir>/crash-dumps', () => {
    const dataDir = tempDir('pixdrop-crash-');
    const { e, paths, starts } = fakeElectron();
    expect(startLocalCrashReporter(e as never, dataDir)).toEqual({ started: true, dir: path.join(dataDir, 'crash-dumps') });
    expect(paths).toEqual({ crashDumps: path.join(dataDir, 'crash-dumps') });
    expect(starts).toEqual([expect.objectContaining({ uploadToServer: false, submitURL: '' })]);
  });

  it('does not start when switched off in Settings (the dumps folder is still set)', () => {
    const dataDir = tempDir('pixdrop-crash-');
    saveSettings(dataDir, { crashReports: false });
    const { e, paths, starts } = fakeElectron();
    expect(startLocalCrashReporter(e as never, dataDir).started).toBe(false);
    expect(starts).toEqual([]);
    expect(paths.crashDumps).toBe(path.join(dataDir, 'crash-dumps'));
  });

  it('finds the data dir as the engine does', () => {
    expect(desktopDataDir({ PIXDROP_DATA_DIR: '/srv/pixdrop' })).toBe('/srv/pixdrop');
    expect(desktopDataDir({ PIXDROP_DATA_DIR: '', XDG_CONFIG_HOME: '/home/me/.cfg' })).toBe(
      process.platform === 'linux' ? '/home/me/.cfg/pixdrop' : expect.any(String),
    );
  });

  it('counts the dumps Crashpad filed, at any of its folders, and the newest', () => {
    const dataDir = tempDir('pixdrop-crash-');
    expect(summarizeCrashDumps(dataDir)).toEqual({ dir: path.join(dataDir, 'crash-dumps'), count: 0, newestAt: null });
    const dir = path.join(dataDir, 'crash-dumps');
    for (const sub of ['completed', 'pending', 'reports']) mkdirSync(path.join(dir, sub), { recursive: true });
    writeFileSync(path.join(dir, 'completed', 'a1.dmp'), 'MDMP');
    writeFileSync(path.join(dir, 'pending', 'b2.dmp'), 'MDMP');
    writeFileSync(path.join(dir, 'reports', 'c3.dmp'), 'MDMP');
    writeFileSync(path.join(dir, 'completed', 'a1.meta'), 'not a dump');
    writeFileSync(path.join(dir, 'settings.dat'), 'crashpad settings');
    utimesSync(path.join(dir, 'pending', 'b2.dmp'), new Date('2026-12-01T10:00:00Z'), new Date('2026-12-01T10:00:00Z'));
    utimesSync(path.join(dir, 'completed', 'a1.dmp'), new Date('2026-11-01T10:00:00Z'), new Date('2026-11-01T10:00:00Z'));
    utimesSync(path.join(dir, 'reports', 'c3.dmp'), new Date('2026-10-01T10:00:00Z'), new Date('2026-10-01T10:00:00Z'));
    expect(summarizeCrashDumps(dataDir)).toEqual({ dir, count: 3, newestAt: Date.parse('2026-12-01T10:00:00Z') });
  });
});
