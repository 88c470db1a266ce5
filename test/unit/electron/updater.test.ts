/**
 * The Electron half of auto-update with a stand-in for electron-updater's autoUpdater: it downloads
 * only when the plain check says "available", never allows a downgrade, installs only a download
 * whose sha512 is the feed's (checked on the real file), and turns every failure into a notice for a
 * check the person asked for (a log line for a scheduled one) — nothing throws.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { UpdateDecision } from '../../../src/main/updates/decide';
import { verifyFile } from '../../../src/main/updates/verify';
import { createDesktopUpdater, type AutoUpdaterLike } from '../../../src/main/electron/updater';
import type { Logger } from '../../../src/main/engine/types';
import { tempDir } from '../../helpers/stack';
import { FakeAutoUpdater } from './fakes';

const PACKAGE = Buffer.from('the new PixDrop');
const SHA = createHash('sha512').update(PACKAGE).digest('base64');
const available: UpdateDecision = {
  kind: 'available',
  version: '0.2.0',
  file: { url: 'https://u.example.com/PixDrop-0.2.0.AppImage', sha512: SHA, size: PACKAGE.length },
  releaseDate: null,
  message: 'PixDrop 0.2.0 is available (you have 0.1.0).',
};

function setUp(o: { decision?: UpdateDecision | Error; enabled?: boolean; feedOverride?: string | null; channel?: string } = {}) {
  const fake = new FakeAutoUpdater();
  const notices: [string, string][] = [];
  const logs: string[] = [];
  const readies: string[] = [];
  const schedules: { firstMs: number; everyMs: number; stopped: boolean }[] = [];
  let enabled = o.enabled ?? true;
  const logger: Logger = {
    error: (m) => logs.push(`error ${m}`),
    warn: (m) => logs.push(`warn ${m}`),
    info: (m) => logs.push(`info ${m}`),
    debug: () => {},
    child: () => logger,
  };
  const updater = createDesktopUpdater({
    autoUpdater: fake as unknown as AutoUpdaterLike,
    check: async () => {
      if (o.decision instanceof Error) throw o.decision;
      return o.decision ?? available;
    },
    verify: verifyFile,
    inRollout: (pct) => pct === undefined || pct > 50,
    channel: o.channel ?? 'latest',
    feedOverride: o.feedOverride ?? null,
    packaged: false,
    enabled: () => enabled,
    notice: (level, message) => notices.push([level, message]),
    ready: (version) => readies.push(version),
    logger,
    every: (_tick, firstMs, everyMs) => {
      const s = { firstMs, everyMs, stopped: false };
      schedules.push(s);
      return () => (s.stopped = true);
    },
  });
  const downloaded = (bytes: Buffer) => {
    const file = path.join(tempDir('pixdrop-updater-'), 'PixDrop-0.2.0.AppImage');
    writeFileSync(file, bytes);
    fake.emit('update-downloaded', {
      version: '0.2.0',
      downloadedFile: file,
      files: [{ url: 'PixDrop-0.2.0.AppImage', sha512: SHA }],
      sha512: SHA,
      path: 'PixDrop-0.2.0.AppImage',
      releaseDate: '',
    });
  };
  const settled = async () => {
    for (let i = 0; i < 50 && readies.length === 0 && !notices.some(([l]) => l === 'warning'); i += 1) await new Promise((r) => setTimeout(r, 10));
  };
  return { fake, updater, notices, logs, readies, schedules, downloaded, settled, setEnabled: (on: boolean) => ((enabled = on), updater.setEnabled(on)) };
}

describe('desktop updater', () => {
  it('configures electron-updater to download only when told, never downgrade and install nothing unverified', () => {
    const { fake } = setUp({ feedOverride: 'http://127.0.0.1:9/feed/', channel: 'beta' });
    expect(fake).toMatchObject({ autoDownload: false, autoInstallOnAppQuit: false, allowDowngrade: false, channel: 'beta', forceDevUpdateConfig: true });
    expect(fake.feed).toEqual({ provider: 'generic', url: 'http://127.0.0.1:9/feed/' });
    const rollout = fake.isUserWithinRollout as (info: { stagingPercentage?: number }) => boolean;
    expect([rollout({ stagingPercentage: 10 }), rollout({ stagingPercentage: 90 }), rollout({})]).toEqual([false, true, true]);
  });

  it('an available update is downloaded, verified on the real file and then offered; it installs at quit', async () => {
    const { fake, updater, notices, readies, downloaded, settled } = setUp();
    await updater.checkNow('user');
    expect(fake.calls).toEqual(['checkForUpdates', 'downloadUpdate']);
    expect(notices).toEqual([['info', 'PixDrop 0.2.0 is available (you have 0.1.0). Downloading it…']]);
    downloaded(PACKAGE);
    await settled();
    expect(readies).toEqual(['0.2.0']);
    expect(updater.readyVersion()).toBe('0.2.0');
    expect(fake.autoInstallOnAppQuit).toBe(true);
    expect(notices[1]).toEqual(['info', expect.stringContaining('PixDrop 0.2.0 is ready: it is installed when you quit PixDrop')]);
    updater.install();
    expect(fake.calls.at(-1)).toBe('quitAndInstall:false:true');
  });

  it("a download whose sha512 is not the feed's is not installed, and says so", async () => {
    const { fake, updater, notices, readies, downloaded, settled } = setUp();
    await updater.checkNow('user');
    downloaded(Buffer.from('something else entirely'));
    await settled();
    expect(readies).toEqual([]);
    expect(updater.readyVersion()).toBeNull();
    expect(fake.autoInstallOnAppQuit).toBe(false);
    expect(notices.at(-1)).toEqual([
      'warning',
      expect.stringMatching(/PixDrop-0\.2\.0\.AppImage does not match the sha512 the update feed gives; it is not installed/),
    ]);
    updater.install();
    expect(fake.calls).not.toContain('quitAndInstall:false:true');
  });

  it.each([
    [{ kind: 'up-to-date', version: '0.1.0', message: 'PixDrop 0.1.0 is up to date.' } as UpdateDecision, 'info'],
    [
      {
        kind: 'unreachable',
        version: null,
        message: 'The update server https://u.example.com could not be reached (ENOTFOUND); PixDrop stays on this version and asks again later.',
      } as UpdateDecision,
      'warning',
    ],
    [
      {
        kind: 'malformed',
        version: null,
        message: 'The update feed https://u.example.com/latest.yml is damaged: it is not YAML. PixDrop stays on this version.',
      } as UpdateDecision,
      'warning',
    ],
  ])('a check the person asked for says "%s" as a notice and downloads nothing', async (decision, level) => {
    const { fake, updater, notices } = setUp({ decision });
    expect(await updater.checkNow('user')).toEqual(decision);
    expect(notices).toEqual([[level, decision.message]]);
    expect(fake.calls).toEqual([]);
  });

  it('a scheduled check only logs what a person did not ask about', async () => {
    const decision: UpdateDecision = {
      kind: 'unreachable',
      version: null,
      message: 'The update server https://u.example.com could not be reached (ETIMEDOUT); PixDrop stays on this version and asks again later.',
    };
    const { updater, notices, logs } = setUp({ decision });
    await updater.checkNow('schedule');
    expect(notices).toEqual([]);
    expect(logs).toEqual([`warn update: ${decision.message}`]);
  });

  it('a check that throws or a download that fails is a notice, never a crash', async () => {
    const broken = setUp({ decision: new Error('socket hang up') });
    expect(await broken.updater.checkNow('user')).toMatchObject({ kind: 'unreachable' });
    expect(broken.notices).toEqual([['warning', 'The update check failed (socket hang up); PixDrop stays on this version.']]);

    const failing = setUp();
    failing.fake.failDownload = new Error('net::ERR_CONNECTION_RESET');
    await failing.updater.checkNow('user');
    expect(failing.notices.at(-1)).toEqual([
      'warning',
      'PixDrop 0.2.0 could not be downloaded (net::ERR_CONNECTION_RESET); PixDrop stays on this version and tries again later.',
    ]);
    failing.fake.emit('error', new Error('late error from electron-updater')); // has a listener: not an uncaught 'error'
  });

  it('switched off in Settings: no schedule, scheduled checks ask nothing; switched on: checks again every 6 h', async () => {
    const { fake, updater, schedules, setEnabled } = setUp({ enabled: false });
    expect(schedules).toEqual([]);
    expect(await updater.checkNow('schedule')).toMatchObject({ kind: 'unavailable', message: 'Automatic updates are switched off in Settings.' });
    expect(fake.calls).toEqual([]);
    setEnabled(true);
    expect(schedules).toEqual([{ firstMs: 60_000, everyMs: 6 * 3_600_000, stopped: false }]);
    setEnabled(false);
    expect(schedules[0].stopped).toBe(true);
    await updater.checkNow('user'); // the tray's "Check for updates" still works
    expect(fake.calls).toEqual(['checkForUpdates', 'downloadUpdate']);
  });
});
