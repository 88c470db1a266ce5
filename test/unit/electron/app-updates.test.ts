/**
 * The desktop host started for real (engine in demo mode) with recording stand-ins for Electron and
 * electron-updater, and a real update feed on 127.0.0.1 named by PIXDROP_UPDATE_URL: the crash
 * reporter starts before ready with local dumps only, the tray's "Check for updates" asks that feed
 * and says what it found in the window, a verified download becomes "Restart to install", and
 * Quit through it stops the engine cleanly before electron-updater installs.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel } from '../../../src/shared/api';
import { runDesktopApp } from '../../../src/main/electron/app';
import type { AutoUpdaterLike } from '../../../src/main/electron/updater';
import { channelFileName } from '../../../src/main/updates/feed';
import { tempDir } from '../../helpers/stack';
import { fakeElectron, type ElectronRecord } from './fake-electron';
import { FakeAutoUpdater } from './fakes';

const PACKAGE = Buffer.from('PixDrop 0.2.0 for this test');
const SHA = createHash('sha512').update(PACKAGE).digest('base64');
const FEED = [
  'version: 0.2.0',
  'files:',
  '  - url: PixDrop-0.2.0.AppImage',
  `    sha512: ${SHA}`,
  `    size: ${PACKAGE.length}`,
  'path: PixDrop-0.2.0.AppImage',
  `sha512: ${SHA}`,
  "releaseDate: '2026-11-30T10:00:00.000Z'",
].join('\n');

let record: ElectronRecord;
let quit: () => void;
let updater: FakeAutoUpdater;
let feed: http.Server;
let feedRequests: string[] = [];
let dataDir: string;
let dir: string;

const item = (id: string) => record.trayMenu.find((i) => i.id === id);
const notices = () =>
  record.windows[0].webContents.sent
    .filter((m) => m.channel === Channel.events)
    .flatMap((m) => m.payload as { type: string; message?: string }[])
    .filter((e) => e.type === 'notice')
    .map((e) => e.message);
const invoke = (method: Parameters<typeof Channel.invoke>[0], ...args: unknown[]) =>
  record.ipc.get(Channel.invoke(method))!({ senderFrame: { url: 'app://pixdrop/index.html' } }, ...args) as Promise<{
    ok: boolean;
    value: Record<string, unknown>;
  }>;

async function until(what: () => boolean, ms = 5_000): Promise<void> {
  const end = Date.now() + ms;
  while (!what()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  feed = http.createServer((req, res) => {
    feedRequests.push(req.url ?? '');
    if (req.url === `/desktop/${channelFileName('latest', process.platform, process.arch)}`) return void res.end(FEED);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  dir = tempDir('pixdrop-desktop-updates-');
  dataDir = path.join(dir, 'data');
  const outDir = path.join(dir, 'out');
  mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>PixDrop</title>');
  const fake = fakeElectron();
  record = fake.record;
  quit = () => (fake.app as unknown as { quit(): void }).quit();
  updater = new FakeAutoUpdater();
  const env = {
    PIXDROP_DATA_DIR: dataDir,
    PIXDROP_LOG_LEVEL: 'error',
    PIXDROP_UPDATE_URL: `http://127.0.0.1:${(feed.address() as AddressInfo).port}/desktop/`,
  };
  await runDesktopApp(
    fake.electron,
    { outDir, iconDir: path.join(dir, 'build'), argv: [], env, autoUpdater: updater as unknown as AutoUpdaterLike },
    new EventEmitter() as unknown as NodeJS.Process,
  );
}, 60_000);

afterAll(async () => {
  if (record?.quits === 0) quit(); // a failed test still stops the engine
  await new Promise<void>((resolve) => feed.close(() => resolve()));
});

describe('desktop updates and crash reports', () => {
  it('starts the crash reporter before ready, dumps in the data dir, nothing uploaded', () => {
    expect(record.paths.crashDumps).toBe(path.join(dataDir, 'crash-dumps'));
    expect(record.order.indexOf('crashReporter')).toBeGreaterThan(record.order.indexOf('path:crashDumps'));
    expect(record.order.indexOf('crashReporter')).toBeLessThan(record.order.indexOf('ready'));
    expect(record.crashReporterStarts).toEqual([expect.objectContaining({ uploadToServer: false })]);
  });

  it('Settings show both switches and where the crash dumps are, and keep a change', async () => {
    const before = await invoke('getSettings');
    expect(before.value).toMatchObject({
      autoUpdate: true,
      crashReports: true,
      crashDumps: { dir: path.join(dataDir, 'crash-dumps'), count: 0, newestAt: null },
    });
    const after = await invoke('updateSettings', { crashReports: false });
    expect(after.value).toMatchObject({ autoUpdate: true, crashReports: false });
    expect((await invoke('getSettings')).value).toMatchObject({ crashReports: false });
  });

  it('the tray\'s "Check for updates" reads the feed, says what it found and has electron-updater download it', async () => {
    expect(updater).toMatchObject({
      autoDownload: false,
      allowDowngrade: false,
      autoInstallOnAppQuit: false,
      feed: { provider: 'generic', url: expect.stringContaining('127.0.0.1') },
    });
    item('updates')!.click!();
    await until(() => updater.calls.includes('downloadUpdate'));
    expect(feedRequests).toEqual([`/desktop/${channelFileName('latest', process.platform, process.arch)}`]);
    expect(notices()).toContain('PixDrop 0.2.0 is available (you have 0.1.0). Downloading it…');
  });

  it('a verified download is offered as "Restart to install", and that quits cleanly, then installs', async () => {
    const file = path.join(dir, 'PixDrop-0.2.0.AppImage');
    writeFileSync(file, PACKAGE);
    updater.emit('update-downloaded', {
      version: '0.2.0',
      downloadedFile: file,
      files: [{ url: 'PixDrop-0.2.0.AppImage', sha512: SHA }],
      sha512: SHA,
      path: 'PixDrop-0.2.0.AppImage',
      releaseDate: '',
    });
    await until(() => item('install-update') !== undefined);
    expect(item('install-update')!.label).toBe('Restart to install PixDrop 0.2.0');
    expect(updater.autoInstallOnAppQuit).toBe(true);
    item('install-update')!.click!();
    await until(() => updater.calls.includes('quitAndInstall:false:true'), 20_000);
    expect(record.ipc.size).toBe(0); // the clean stop ran first: handlers removed
    expect(record.quits).toBe(1); // electron-updater quits for the install, not a second app.quit
  }, 30_000);
});
