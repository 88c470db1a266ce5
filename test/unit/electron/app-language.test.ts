/**
 * The desktop host's tray speaks the language chosen in Settings: German from the start when it was
 * saved, English as soon as the window's Settings switch to it (through IPC, as the renderer does).
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel } from '../../../src/shared/api';
import { runDesktopApp } from '../../../src/main/electron/app';
import { saveSettings } from '../../../src/main/engine/settings';
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
  const fake = fakeElectron();
  record = fake.record;
  quit = () => (fake.app as unknown as { quit(): void }).quit();
  await runDesktopApp(
    fake.electron,
    { outDir, iconDir: path.join(dir, 'build'), argv: [], env: { PIXDROP_DATA_DIR: dataDir, PIXDROP_LOG_LEVEL: 'error' } },
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

describe('the tray language', () => {
  it('starts in the language saved in Settings', async () => {
    await expect.poll(labels).toContain('PixDrop zeigen');
    expect(labels()).toEqual(expect.arrayContaining(['Alle anhalten', 'Alle abbrechen', 'PixDrop beenden']));
  });

  it('switches when the window saves another language, and the choice is kept in the settings', async () => {
    const updateSettings = record.ipc.get(Channel.invoke('updateSettings'))!;
    const page = { senderFrame: { url: 'app://pixdrop/index.html' } };
    expect(await updateSettings(page, { language: 'en' })).toMatchObject({ ok: true, value: { language: 'en' } });
    expect(labels()).toEqual(expect.arrayContaining(['Show PixDrop', 'Pause all', 'Cancel all', 'Quit PixDrop']));
    const getSettings = record.ipc.get(Channel.invoke('getSettings'))!;
    expect(await getSettings(page)).toMatchObject({ ok: true, value: { language: 'en' } });
  });
});
