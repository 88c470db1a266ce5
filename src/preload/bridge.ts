/**
 * What the preload exposes as `window.pixdrop`: every PixdropApi call as an IPC invoke, the
 * batched event stream, and the real path of a dropped file. Kept free of `electron` imports
 * (the objects are passed in) so it can be tested in plain Node.
 */
import type { IpcRenderer, IpcRendererEvent, WebUtils } from 'electron';
import { API_METHODS, Channel, type ApiMethod, type DesktopApi, type EngineEvent, type PixdropApi, type Result } from '../shared/api';

export type DesktopBridge = DesktopApi;

type InvokeApi = { [M in ApiMethod]: PixdropApi[M] };

export function createDesktopBridge(ipc: Pick<IpcRenderer, 'invoke' | 'on' | 'removeListener'>, webUtils: Pick<WebUtils, 'getPathForFile'>): DesktopBridge {
  const invoke = async (method: ApiMethod, args: unknown[]): Promise<Result<unknown>> => {
    try {
      return (await ipc.invoke(Channel.invoke(method), ...args)) as Result<unknown>;
    } catch (error) {
      // Only when the main process is gone or restarting: handlers themselves never throw.
      const message = error instanceof Error ? error.message : String(error);
      return { ok: false, error: { code: 'INTERNAL', message: `PixDrop's background process did not answer (${message}). Restart PixDrop.` } };
    }
  };
  const calls = Object.fromEntries(API_METHODS.map((method) => [method, (...args: unknown[]) => invoke(method, args)])) as unknown as InvokeApi;
  const bridge: DesktopBridge = {
    ...calls,
    subscribe(listener: (events: EngineEvent[]) => void) {
      // The IPC event object stays here: it carries `sender`, which must not reach the page.
      const handler = (_event: IpcRendererEvent, events: EngineEvent[]) => listener(events);
      ipc.on(Channel.events, handler);
      return () => {
        ipc.removeListener(Channel.events, handler);
      };
    },
    getPathForFile: (file: File) => webUtils.getPathForFile(file),
  } satisfies PixdropApi & DesktopBridge;
  return bridge;
}
