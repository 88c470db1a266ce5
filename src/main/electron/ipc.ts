/**
 * The IPC edge: one `ipcMain.handle` per API method, each going through the shared dispatcher
 * (zod validation, Result answers), after checking that the call comes from our own renderer
 * page — not from a frame that navigated elsewhere or an injected subframe.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { API_METHODS, Channel, type EngineEvent, type PixdropApi, type Result } from '../../shared/api';
import { createApiDispatcher } from '../api/dispatch';
import { createEventBatcher, type BatchScheduler } from '../api/events';
import type { Logger } from '../engine/types';
import { isRendererUrl } from './window';

export type SenderCheck = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>) => boolean;

/** Accepts only calls whose sending frame shows our renderer file. */
export function senderIsRenderer(rendererUrl: string): SenderCheck {
  return (event) => {
    const frame = event.senderFrame;
    return frame !== null && frame !== undefined && isRendererUrl(frame.url, rendererUrl);
  };
}

export type IpcInvokeHandler = (event: Pick<IpcMainInvokeEvent, 'senderFrame'>, ...args: unknown[]) => Promise<Result<unknown>>;

export function createIpcHandler(
  method: string,
  dispatch: (method: string, args: unknown) => Promise<Result<unknown>>,
  o: { isTrustedSender: SenderCheck; logger?: Logger },
): IpcInvokeHandler {
  return async (event, ...args) => {
    if (!o.isTrustedSender(event)) {
      o.logger?.warn('ipc call refused: foreign sender', { method, url: String(event.senderFrame?.url ?? 'none').slice(0, 200) });
      return { ok: false, error: { code: 'REJECTED', message: 'This call is only accepted from the PixDrop window.' } };
    }
    return dispatch(method, args);
  };
}

/** Registers every API method; returns a function that removes them again. */
export function registerApiHandlers(o: {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  api: PixdropApi;
  isTrustedSender: SenderCheck;
  logger?: Logger;
}): () => void {
  const dispatch = createApiDispatcher(o.api, { logger: o.logger });
  for (const method of API_METHODS) {
    o.ipcMain.handle(Channel.invoke(method), createIpcHandler(method, dispatch, o));
  }
  return () => {
    for (const method of API_METHODS) o.ipcMain.removeHandler(Channel.invoke(method));
  };
}

/**
 * Pushes engine events to the window on `Channel.events`, batched (≤ 4 per second). Events are
 * dropped, not queued, while the window is gone: the renderer re-reads state when it loads.
 */
export function forwardEvents(o: {
  subscribe: (listener: (event: EngineEvent) => void) => () => void;
  target: () => Pick<WebContents, 'send' | 'isDestroyed'> | null;
  scheduler?: BatchScheduler;
}): () => void {
  const batcher = createEventBatcher(
    (events) => {
      const contents = o.target();
      if (contents && !contents.isDestroyed()) contents.send(Channel.events, events);
    },
    { scheduler: o.scheduler },
  );
  const unsubscribe = o.subscribe((event) => batcher.push(event));
  return () => {
    unsubscribe();
    batcher.close();
  };
}
