import { describe, expect, it } from 'vitest';
import type { IpcMain, WebContents } from 'electron';
import { API_METHODS, Channel, type EngineEvent, type PixdropApi, type Result, type SettingsView } from '../../../src/shared/api';
import { forwardEvents, registerApiHandlers, senderIsRenderer } from '../../../src/main/electron/ipc';
import { RENDERER_URL } from '../../../src/main/electron/protocol';
import type { BatchScheduler } from '../../../src/main/api/events';
import { FakeIpcMain, FakeWebContents } from './fakes';
import { TEST_SECRET_MARKER, TEST_TOKEN } from './test-secrets';

const rendererUrl = RENDERER_URL;

/** A tiny api: settings keep the token in "main-process memory" and answer a view. */
function settingsApi() {
  const calls: string[] = [];
  let token: string | null = null;
  const view = (): SettingsView & { token?: string } => ({
    backendUrl: 'https://albums.example.com',
    autoUpdate: true,
    crashReports: true,
    crashDumps: { dir: '/tmp/crash-dumps', count: 0, newestAt: null },
    hasToken: token !== null,
    hasCloudinaryUrl: false,
    cloudName: null,
    concurrency: 3,
    chunkSize: 20_000_000,
    demoMode: false,
    // A careless implementation might hand the secret back; it must still not cross.
    ...(token ? { token } : {}),
  });
  const api = new Proxy({} as PixdropApi, {
    get:
      (_t, method: string) =>
      async (...args: unknown[]): Promise<Result<unknown>> => {
        calls.push(method);
        if (method === 'updateSettings') token = (args[0] as { token?: string }).token ?? token;
        if (method.endsWith('Settings')) return { ok: true, value: view() };
        return { ok: true, value: { method, args } };
      },
  });
  return { api, calls };
}

function setup() {
  const ipcMain = new FakeIpcMain();
  const { api, calls } = settingsApi();
  const unregister = registerApiHandlers({ ipcMain: ipcMain as unknown as IpcMain, api, isTrustedSender: senderIsRenderer(rendererUrl) });
  return { ipcMain, calls, unregister };
}

describe('IPC handlers', () => {
  it('registers exactly one handler per API method, and removes them all', () => {
    const { ipcMain, unregister } = setup();
    expect([...ipcMain.handlers.keys()].sort()).toEqual(API_METHODS.map((m) => Channel.invoke(m)).sort());
    unregister();
    expect(ipcMain.handlers.size).toBe(0);
  });

  it('answers our renderer with a Result', async () => {
    const { ipcMain, calls } = setup();
    expect(await ipcMain.invoke(Channel.invoke('getPhoto'), `${rendererUrl}#/queue`, 7)).toEqual({
      ok: true,
      value: { method: 'getPhoto', args: [7] },
    });
    expect(calls).toEqual(['getPhoto']);
  });

  it.each([
    ['another site', 'https://evil.example/'],
    ['another local file', 'file:///tmp/evil.html'],
    ['the renderer file opened over file://', 'file:///app/out/renderer/index.html'],
    ['another page of our own scheme', 'app://pixdrop/other.html'],
    ['our scheme on another host', 'app://evil/index.html'],
    ['a dev server', 'http://127.0.0.1:5173/'],
    ['a frame that is gone', null],
  ])('refuses calls from %s without reaching the api', async (_name, frameUrl) => {
    const { ipcMain, calls } = setup();
    const result = await ipcMain.invoke(Channel.invoke('addPaths'), frameUrl, ['/home/ana/Photos'], { albumId: '1' });
    expect(result).toEqual({ ok: false, error: { code: 'REJECTED', message: expect.stringContaining('PixDrop window') } });
    expect(calls).toEqual([]);
  });

  it('refuses malformed payloads as a REJECTED Result, never a throw', async () => {
    const { ipcMain, calls } = setup();
    const attempts: [string, unknown[]][] = [
      ['addPaths', [['relative/folder'], { albumId: '1' }]],
      ['addPaths', [['/ok'], { albumId: '1' }, 'extra']],
      ['getPhoto', ['1; DROP TABLE jobs']],
      ['updateSettings', [{ concurrency: 1e6 }]],
      ['editPhoto', [1, { title: 'x'.repeat(50_000) }]],
      ['listJobs', [{ constructor: { prototype: { polluted: true } } }]],
    ];
    for (const [method, args] of attempts) {
      const result = (await ipcMain.invoke(Channel.invoke(method as never), rendererUrl, ...args)) as Result<unknown>;
      expect(result).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    }
    expect(calls).toEqual([]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps the token in the main process: the SettingsView sent back has no secret', async () => {
    const { ipcMain } = setup();
    const saved = await ipcMain.invoke(Channel.invoke('updateSettings'), rendererUrl, { token: TEST_TOKEN });
    const read = await ipcMain.invoke(Channel.invoke('getSettings'), rendererUrl);
    for (const answer of [saved, read]) {
      expect(answer).toMatchObject({ ok: true, value: { hasToken: true } });
      expect(JSON.stringify(answer)).not.toContain(TEST_SECRET_MARKER);
      expect(Object.keys((answer as { value: object }).value).sort()).toEqual([
        'autoUpdate',
        'backendUrl',
        'chunkSize',
        'cloudName',
        'concurrency',
        'crashDumps',
        'crashReports',
        'demoMode',
        'hasCloudinaryUrl',
        'hasToken',
      ]);
    }
  });
});

describe('event forwarding', () => {
  const immediate: BatchScheduler = {
    now: () => 0,
    setTimeout: (fn) => (queueMicrotask(fn), 1),
    clearTimeout: () => {},
  };

  it('sends batched events to the window and nothing once it is destroyed or gone', async () => {
    const contents = new FakeWebContents();
    let listener: ((e: EngineEvent) => void) | null = null;
    let window: FakeWebContents | null = contents;
    const stop = forwardEvents({
      subscribe: (l) => ((listener = l), () => (listener = null)),
      target: () => window as unknown as WebContents | null,
      scheduler: immediate,
    });
    listener!({ type: 'albumsChanged' });
    listener!({ type: 'albumsChanged' });
    await Promise.resolve();
    expect(contents.sent).toEqual([{ channel: Channel.events, payload: [{ type: 'albumsChanged' }] }]);

    contents.destroyed = true;
    listener!({ type: 'albumsChanged' });
    await Promise.resolve();
    window = null;
    listener!({ type: 'albumsChanged' });
    await Promise.resolve();
    expect(contents.sent).toHaveLength(1);

    stop();
    expect(listener).toBeNull();
  });
});
