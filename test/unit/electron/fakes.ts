/**
 * Small stand-ins for the few Electron objects the desktop layer touches (the Electron binary
 * is not available to unit tests). Only what our code calls is implemented.
 */
import { EventEmitter } from 'node:events';

export class FakeEvent {
  defaultPrevented = false;
  constructor(readonly url = '') {}
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

export class FakeWebContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  sent: { channel: string; payload: unknown }[] = [];
  destroyed = false;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.openHandler = handler;
  }
  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  /** Emits like Chromium would, returning whether a listener prevented it. */
  attempt(eventName: string, url: string): boolean {
    const event = new FakeEvent(url);
    this.emit(eventName, event, url);
    return event.defaultPrevented;
  }
}

export class FakeBrowserWindow extends EventEmitter {
  readonly webContents = new FakeWebContents();
  loaded: string | null = null;
  hidden = false;
  shown = false;
  constructor(readonly options: unknown) {
    super();
  }
  loadFile(file: string): Promise<void> {
    this.loaded = file;
    return Promise.resolve();
  }
  loadURL(url: string): Promise<void> {
    this.loaded = url;
    return Promise.resolve();
  }
  hide(): void {
    this.hidden = true;
  }
  show(): void {
    this.shown = true;
  }
  /** Emits 'close' like the user clicking the close button; true when the close went ahead. */
  tryClose(): boolean {
    const event = new FakeEvent();
    this.emit('close', event);
    return !event.defaultPrevented;
  }
}

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain {
  readonly handlers = new Map<string, Handler>();
  handle(channel: string, handler: Handler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** Invokes like ipcRenderer.invoke from a frame showing `frameUrl` (null: frame gone). */
  invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
}

/** electron-updater's autoUpdater: the settings it is given and the calls it gets. */
export class FakeAutoUpdater extends EventEmitter {
  autoDownload = true;
  autoInstallOnAppQuit = true;
  allowDowngrade = true;
  forceDevUpdateConfig = false;
  channel: string | null = null;
  logger: unknown = null;
  isUserWithinRollout: unknown = null;
  feed: unknown = null;
  calls: string[] = [];
  failDownload: Error | null = null;
  setFeedURL(options: unknown): void {
    this.feed = options;
  }
  async checkForUpdates(): Promise<null> {
    this.calls.push('checkForUpdates');
    return null;
  }
  async downloadUpdate(): Promise<string[]> {
    this.calls.push('downloadUpdate');
    if (this.failDownload) throw this.failDownload;
    return [];
  }
  quitAndInstall(isSilent?: boolean, forceRunAfter?: boolean): void {
    this.calls.push(`quitAndInstall:${isSilent}:${forceRunAfter}`);
  }
}
