import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { IpcRenderer, WebUtils } from 'electron';
import { API_METHODS, Channel, type EngineEvent } from '../../../src/shared/api';
import { createDesktopBridge } from '../../../src/preload/bridge';

class FakeIpcRenderer extends EventEmitter {
  invoked: { channel: string; args: unknown[] }[] = [];
  answer: (channel: string) => Promise<unknown> = async () => ({ ok: true, value: 'answered' });
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.answer(channel);
  }
}

function setup() {
  const ipc = new FakeIpcRenderer();
  const dropped: unknown[] = [];
  const webUtils = { getPathForFile: (file: unknown) => (dropped.push(file), '/home/ana/Photos/Wedding') };
  const bridge = createDesktopBridge(ipc as unknown as IpcRenderer, webUtils as unknown as WebUtils);
  return { ipc, bridge, dropped };
}

describe('the preload bridge', () => {
  it('exposes the API calls, subscribe and getPathForFile — nothing else (no ipcRenderer)', () => {
    const { bridge } = setup();
    expect(Object.keys(bridge).sort()).toEqual([...API_METHODS, 'subscribe', 'getPathForFile'].sort());
    for (const value of Object.values(bridge)) expect(typeof value).toBe('function');
  });

  it('sends each call on its own channel with its arguments and returns the main process’s Result', async () => {
    const { ipc, bridge } = setup();
    expect(await bridge.addPaths(['/home/ana/Photos'], { albumFromFolder: true })).toEqual({ ok: true, value: 'answered' });
    expect(await bridge.getStatus()).toEqual({ ok: true, value: 'answered' });
    expect(ipc.invoked).toEqual([
      { channel: 'pixdrop:addPaths', args: [['/home/ana/Photos'], { albumFromFolder: true }] },
      { channel: 'pixdrop:getStatus', args: [] },
    ]);
  });

  it('turns a failed invoke (main process gone) into an error Result instead of a rejection', async () => {
    const { ipc, bridge } = setup();
    ipc.answer = () => Promise.reject(new Error("No handler registered for 'pixdrop:listAlbums'"));
    expect(await bridge.listAlbums()).toEqual({ ok: false, error: { code: 'INTERNAL', message: expect.stringContaining('Restart PixDrop') } });
  });

  it('delivers event batches without the IPC event object, until unsubscribed', () => {
    const { ipc, bridge } = setup();
    const received: unknown[][] = [];
    // Record every argument, to prove the listener gets the batch alone.
    const unsubscribe = bridge.subscribe(((...args: unknown[]) => received.push(args)) as (events: EngineEvent[]) => void);
    const batch: EngineEvent[] = [{ type: 'albumsChanged' }];
    ipc.emit(Channel.events, { sender: 'secret ipc handle' }, batch);
    unsubscribe();
    ipc.emit(Channel.events, { sender: 'secret ipc handle' }, batch);
    expect(received).toEqual([[batch]]);
    expect(ipc.listenerCount(Channel.events)).toBe(0);
  });

  it('resolves a dropped file to its path through webUtils', () => {
    const { bridge, dropped } = setup();
    const file = { name: 'Wedding' } as unknown as File;
    expect(bridge.getPathForFile(file)).toBe('/home/ana/Photos/Wedding');
    expect(dropped).toEqual([file]);
  });
});
