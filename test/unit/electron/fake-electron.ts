/**
 * The whole of what runDesktopApp takes from Electron, as stand-ins that record what they were
 * asked, so the desktop host can be started for real (engine, demo servers) without the binary.
 */
import { EventEmitter } from 'node:events';
import type { DesktopElectron } from '../../../src/main/electron/app';
import { FakeBrowserWindow } from './fakes';

export interface ElectronRecord {
  /** Everything in the order it happened: 'privileged:app', 'ready', 'handle:app', 'window:app://…'… */
  order: string[];
  privileged: unknown[];
  handlers: Map<string, (request: Request) => Promise<Response>>;
  windows: DesktopWindow[];
  ipc: Map<string, (...args: unknown[]) => unknown>;
  errorBoxes: { title: string; content: string }[];
  notifications: { title: string; body: string }[];
  quits: number;
  paths: Record<string, string>;
  crashReporterStarts: unknown[];
  proxyLookups: string[];
  /** The tray's context menu as last set. */
  trayMenu: { id?: string; label?: string; enabled?: boolean; click?: () => void }[];
  /** Questions asked with dialog.showMessageBox; each is answered with `messageBoxResponse` (default: the last button). */
  messageBoxes: { message: string; detail?: string; buttons: string[] }[];
  /** The titles of the folder dialogs opened. */
  openDialogs: string[];
}

export class DesktopWindow extends FakeBrowserWindow {
  destroyed = false;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  isMinimized(): boolean {
    return false;
  }
  isFocused(): boolean {
    return false;
  }
  restore(): void {}
  focus(): void {}
}

export function fakeElectron(options: { systemProxy?: string; messageBoxResponse?: number } = {}): {
  electron: DesktopElectron;
  record: ElectronRecord;
  app: EventEmitter;
} {
  const record: ElectronRecord = {
    order: [],
    privileged: [],
    handlers: new Map(),
    windows: [],
    ipc: new Map(),
    errorBoxes: [],
    notifications: [],
    quits: 0,
    paths: {},
    crashReporterStarts: [],
    proxyLookups: [],
    trayMenu: [],
    messageBoxes: [],
    openDialogs: [],
  };
  const app = Object.assign(new EventEmitter(), {
    requestSingleInstanceLock: () => true,
    whenReady: async () => {
      record.order.push('ready');
    },
    setAppUserModelId: () => {},
    quit: () => {
      record.quits += 1;
      const event = { defaultPrevented: false, preventDefault: () => (event.defaultPrevented = true) };
      app.emit('before-quit', event);
    },
    exit: (code: number) => record.order.push(`exit:${code}`),
    getLoginItemSettings: () => ({ openAtLogin: false, wasOpenedAtLogin: false }),
    setLoginItemSettings: () => {},
    setPath: (name: string, value: string) => {
      record.paths[name] = value;
      record.order.push(`path:${name}`);
    },
    getVersion: () => '0.1.0',
    isPackaged: false,
  });
  class Notification {
    static isSupported = () => true;
    constructor(readonly options: { title: string; body: string }) {}
    on(): void {}
    show(): void {
      record.notifications.push(this.options);
    }
  }
  class Tray {
    setToolTip(): void {}
    setContextMenu(menu: ElectronRecord['trayMenu']): void {
      record.trayMenu = menu;
    }
    on(): void {}
    destroy(): void {}
  }
  const electron = {
    app,
    BrowserWindow: class extends DesktopWindow {
      constructor(options: unknown) {
        super(options);
        record.windows.push(this);
        const loadURL = this.loadURL.bind(this);
        this.loadURL = (url: string) => (record.order.push(`window:${url}`), loadURL(url));
      }
    },
    crashReporter: {
      start: (options: unknown) => {
        record.crashReporterStarts.push(options);
        record.order.push('crashReporter');
      },
    },
    dialog: {
      showErrorBox: (title: string, content: string) => record.errorBoxes.push({ title, content }),
      showOpenDialog: async (...args: unknown[]) => {
        record.openDialogs.push((args.at(-1) as { title?: string }).title ?? '');
        return { canceled: true, filePaths: [] };
      },
      showMessageBox: async (...args: unknown[]) => {
        const box = args.at(-1) as { message: string; detail?: string; buttons: string[] };
        record.messageBoxes.push({ message: box.message, detail: box.detail, buttons: box.buttons });
        return { response: options.messageBoxResponse ?? box.buttons.length - 1 };
      },
    },
    ipcMain: {
      handle: (channel: string, handler: (...args: unknown[]) => unknown) => record.ipc.set(channel, handler),
      removeHandler: (channel: string) => record.ipc.delete(channel),
    },
    Menu: { buildFromTemplate: (template: unknown) => template },
    nativeImage: { createFromPath: () => ({}) },
    Notification,
    protocol: {
      registerSchemesAsPrivileged: (schemes: { scheme: string }[]) => {
        record.privileged.push(...schemes);
        record.order.push(...schemes.map((s) => `privileged:${s.scheme}`));
      },
      handle: (scheme: string, handler: (request: Request) => Promise<Response>) => {
        record.handlers.set(scheme, handler);
        record.order.push(`handle:${scheme}`);
      },
    },
    safeStorage: {
      isEncryptionAvailable: () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptString: (plain: string) => Buffer.from(`sealed:${Buffer.from(plain).toString('hex')}`),
      decryptString: (sealed: Buffer) => Buffer.from(sealed.toString().replace(/^sealed:/, ''), 'hex').toString(),
    },
    session: {
      defaultSession: {
        webRequest: { onHeadersReceived: () => {} },
        setPermissionRequestHandler: () => {},
        setPermissionCheckHandler: () => {},
        resolveProxy: async (url: string) => (record.proxyLookups.push(url), options.systemProxy ?? 'DIRECT'),
      },
    },
    Tray,
  };
  return { electron: electron as unknown as DesktopElectron, record, app };
}
