/**
 * The desktop host's tray, started for real (engine in demo mode, Electron stand-ins): it speaks the
 * language chosen in Settings — German from the start when it was saved, English as soon as the window's
 * Settings switch to it (through IPC, as the renderer does) — and its "Cancel all" asks with the count,
 * then takes the files out of the queue — and its "Upload limit" shows the engine's limit and changes it live.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel } from '../../../src/shared/api';
import { runDesktopApp } from '../../../src/main/electron/app';
import { saveSettings } from '../../../src/main/engine/settings';
import type { JobPage } from '../../../src/shared/api';
import { fixturesDir } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { fakeElectron, type ElectronRecord } from './fake-electron';

let record: ElectronRecord;
let stopped: Promise<void>;
let quit: () => void;

beforeAll(async () => {
  const dir = tempDir('pixdrop-desktop-language-');
  const outDir = path.join(dir, 'out');
  const dataDir = path.join(dir, 'data');
  mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>PixDrop desktop</title>');
  saveSettings(dataDir, { language: 'de' });
  const fake = fakeElectron({ messageBoxResponse: 0 });
  record = fake.record;
  quit = () => (fake.app as unknown as { quit(): void }).quit();
  await runDesktopApp(
    fake.electron,
    {
      outDir,
      iconDir: path.join(dir, 'build'),
      argv: [],
      env: { PIXDROP_DATA_DIR: dataDir, PIXDROP_LOG_LEVEL: 'error', PIXDROP_BWLIMIT: '20k', PIXDROP_CONCURRENCY: '1' },
    },
    new EventEmitter() as unknown as NodeJS.Process,
  );
  stopped = new Promise((resolve) => {
    const check = setInterval(() => record.quits >= 2 && resolve(clearInterval(check)), 20);
  });
}, 60_000);

afterAll(async () => {
  if (record?.quits === 0) quit();
  await stopped;
}, 30_000);

const labels = () => record.trayMenu.filter((item) => item.label).map((item) => item.label);

describe('the desktop tray', () => {
  it('starts in the language saved in Settings', async () => {
    await expect.poll(labels).toContain('PixDrop zeigen');
    expect(labels()).toEqual(expect.arrayContaining(['Alle anhalten', 'Alle abbrechen', 'PixDrop beenden']));
  });

  it('switches when the window saves another language, and the choice is kept in the settings', async () => {
    const updateSettings = record.ipc.get(Channel.invoke('updateSettings'))!;
    const chooseFolder = record.ipc.get(Channel.invoke('chooseFolder'))!;
    const page = { senderFrame: { url: 'app://pixdrop/index.html' } };
    expect(await chooseFolder(page)).toMatchObject({ ok: true, value: null });
    expect(record.openDialogs.at(-1)).toBe('Einen Ordner mit Fotos wählen');
    expect(await updateSettings(page, { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(labels()).toEqual(expect.arrayContaining(['Show PixDrop', 'Pause all', 'Cancel all', 'Quit PixDrop']));
    await chooseFolder(page);
    expect(record.openDialogs.at(-1)).toBe('Choose a folder of photos');
    const getSettings = record.ipc.get(Channel.invoke('getSettings'))!;
    expect(await getSettings(page)).toMatchObject({ ok: true, value: { language: 'en' } });
  });

  it('"Cancel all" asks with the count, then no file of the queue is uploaded', async () => {
    const page = { senderFrame: { url: 'app://pixdrop/index.html' } };
    const call = (method: string, ...args: unknown[]) =>
      record.ipc.get(Channel.invoke(method as never))!(page, ...args) as Promise<{ ok: boolean; value: unknown }>;
    const photos = ['canon-eos-1300d.jpg', 'leica-t-typ-701.jpg'].map((name) => path.join(fixturesDir, 'cameras', name));
    expect(await call('addPaths', photos, { albumFromFolder: true })).toMatchObject({ ok: true, value: { queued: 2 } });
    const item = () => record.trayMenu.find((entry) => entry.id === 'cancel-all');
    await expect.poll(() => item()?.enabled, { timeout: 15_000 }).toBe(true);
    item()!.click!();
    await expect.poll(() => record.messageBoxes.length).toBe(1);
    expect(record.messageBoxes[0]).toMatchObject({ message: 'Cancel 2 files?', buttons: ['Cancel 2 files', 'Keep uploading'] });
    const statuses = async () => ((await call('listJobs', { filter: 'all' })).value as JobPage).jobs.map((job) => job.status);
    await expect.poll(statuses).toEqual(['cancelled', 'cancelled']);
    await expect.poll(() => item()?.enabled, { timeout: 15_000 }).toBe(false);
  });

  it('"Upload limit" shows the limit in force, a pick applies it to the running engine, a timetable from Settings shows as such', async () => {
    const page = { senderFrame: { url: 'app://pixdrop/index.html' } };
    const call = (method: string, ...args: unknown[]) =>
      record.ipc.get(Channel.invoke(method as never))!(page, ...args) as Promise<{ ok: boolean; value: { bwlimit?: string | null } }>;
    type Entry = { label?: string; checked?: boolean; click?: () => void };
    const entries = () => (record.trayMenu.find((entry) => entry.id === 'bwlimit') as { submenu?: Entry[] } | undefined)?.submenu ?? [];
    const checked = () =>
      entries()
        .filter((entry) => entry.checked)
        .map((entry) => entry.label);
    await expect.poll(checked).toEqual(['20k (Settings)']); // PIXDROP_BWLIMIT at start
    entries().find((entry) => entry.label === '5 MB/s')!.click!();
    await expect.poll(async () => (await call('getSettings')).value.bwlimit).toBe('5MB');
    await expect.poll(checked).toEqual(['5 MB/s']);
    expect(await call('updateSettings', { bwlimit: '08:00,1M 19:00,off' })).toMatchObject({ ok: true });
    expect(checked()).toEqual(['Timetable (Settings)']);
    entries().find((entry) => entry.label === 'Off')!.click!();
    await expect.poll(async () => (await call('getSettings')).value.bwlimit).toBeNull();
    await expect.poll(checked).toEqual(['Off']);
  });
});
