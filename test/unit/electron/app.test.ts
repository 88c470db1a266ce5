/**
 * The desktop host started for real — engine in demo mode, its local servers — with Electron's
 * modules replaced by recording stand-ins: the renderer comes from app://pixdrop (registered
 * before ready, served from out/renderer only), IPC trusts only that page, and a main-process
 * error is logged and shown while the engine keeps running.
 */
import { EventEmitter } from 'node:events';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Channel } from '../../../src/shared/api';
import { runDesktopApp } from '../../../src/main/electron/app';
import { tempDir } from '../../helpers/stack';
import { fakeElectron, type ElectronRecord } from './fake-electron';

let record: ElectronRecord;
let proc: EventEmitter;
let stopped: Promise<void>;
let quit: (() => void) | undefined;

beforeAll(async () => {
  const dir = tempDir('pixdrop-desktop-');
  const outDir = path.join(dir, 'out');
  mkdirSync(path.join(outDir, 'renderer'), { recursive: true });
  writeFileSync(path.join(outDir, 'renderer', 'index.html'), '<!doctype html><title>PixDrop desktop</title>');
  writeFileSync(path.join(dir, 'outside.txt'), 'NOT FOR THE RENDERER');
  const fake = fakeElectron();
  record = fake.record;
  quit = () => (fake.app as unknown as { quit(): void }).quit();
  proc = new EventEmitter();
  await runDesktopApp(
    fake.electron,
    { outDir, iconDir: path.join(dir, 'build'), argv: [], env: { PIXDROP_DATA_DIR: path.join(dir, 'data'), PIXDROP_LOG_LEVEL: 'error' } },
    proc as unknown as NodeJS.Process,
  );
  stopped = new Promise((resolve) => {
    const check = setInterval(() => {
      if (record.quits >= 2) resolve(clearInterval(check));
    }, 20);
  });
}, 60_000);

afterAll(async () => {
  if (record && record.quits === 0) quit?.();
  await stopped;
}, 30_000);

describe('the desktop host', () => {
  it('registers app:// as a privileged scheme before ready, and loads the window from it, never file://', () => {
    expect(record.order.indexOf('privileged:app')).toBeLessThan(record.order.indexOf('ready'));
    expect(record.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    expect(record.order.indexOf('handle:app')).toBeGreaterThan(record.order.indexOf('ready'));
    expect(record.order).toContain('window:app://pixdrop/index.html');
    expect(record.order.some((step) => step.includes('file:'))).toBe(false);
    expect(record.windows[0].loaded).toBe('app://pixdrop/index.html');
  });

  it('serves out/renderer on app://pixdrop/ and nothing outside it', async () => {
    const handler = record.handlers.get('app')!;
    const page = await handler(new Request('app://pixdrop/index.html'));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('PixDrop desktop');
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await handler(new Request('app://pixdrop/..%2f..%2foutside.txt'));
    expect(escape.status).toBe(404);
  });

  it('answers IPC from the app:// page only', async () => {
    const getStatus = record.ipc.get(Channel.invoke('getStatus'))!;
    const fromPage = (await getStatus({ senderFrame: { url: 'app://pixdrop/index.html#/queue' } })) as { ok: boolean };
    expect(fromPage.ok).toBe(true);
    const fromFile = (await getStatus({ senderFrame: { url: 'file:///tmp/out/renderer/index.html' } })) as { ok: boolean };
    expect(fromFile.ok).toBe(false);
  });

  it('logs and shows a main-process error in the window and as a notification, and keeps the engine answering', async () => {
    proc.emit('uncaughtException', new Error('a stream callback threw'));
    proc.emit('unhandledRejection', new Error('a forgotten promise'));
    const sent = record.windows[0].webContents.sent
      .filter((m) => m.channel === Channel.events)
      .flatMap((m) => m.payload as { type: string; message?: string }[]);
    expect(sent).toContainEqual(expect.objectContaining({ type: 'notice', message: expect.stringContaining('a stream callback threw') }));
    expect(record.notifications.some((n) => n.body.includes('a stream callback threw'))).toBe(true);
    expect(record.quits).toBe(0);
    expect(record.order).not.toContain('exit:1');
    const getStatus = record.ipc.get(Channel.invoke('getStatus'))!;
    expect(await getStatus({ senderFrame: { url: 'app://pixdrop/index.html' } })).toMatchObject({ ok: true });
  });

  it('after those errors, Quit still goes through the clean stop: handlers removed, engine stopped, then the real quit', async () => {
    quit!(); // as from the tray
    await stopped;
    expect(record.quits).toBe(2);
    expect(record.ipc.size).toBe(0);
    expect(record.errorBoxes).toEqual([]);
  });
});
