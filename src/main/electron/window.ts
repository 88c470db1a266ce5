/**
 * The one window. This is the only place webPreferences are set: the renderer is an untrusted
 * web page with no Node, isolated from the preload, sandboxed, and unable to navigate away or
 * open other windows. Everything it can do goes through the validated IPC calls in ipc.ts.
 */
import type { BrowserWindow, BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { RENDERER_URL } from './protocol';

/** 'self' is app://pixdrop (protocol.ts): the renderer's own files, nothing else on disk. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  // Thumbnails: data: URLs (EXIF previews), the demo-mode local server, and Cloudinary's CDN.
  "img-src 'self' data: http://127.0.0.1:* https://res.cloudinary.com",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export interface WindowPaths {
  /** Absolute path of the built preload (CJS: sandboxed preloads cannot be ES modules). */
  preloadPath: string;
  /** Absolute path of the built renderer (out/renderer), served as app://pixdrop/. */
  rendererDir: string;
  iconPath?: string;
}

export function buildWindowOptions(paths: Pick<WindowPaths, 'preloadPath' | 'iconPath'>): BrowserWindowConstructorOptions {
  return {
    width: 1200,
    height: 800,
    minWidth: 760,
    minHeight: 520,
    title: 'PixDrop',
    show: false, // shown on ready-to-show, so no blank frame flashes
    autoHideMenuBar: true,
    backgroundColor: '#1e1f24',
    ...(paths.iconPath ? { icon: paths.iconPath } : {}),
    webPreferences: {
      preload: paths.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      // A file dropped outside the drop zone must not replace the app with the photo.
      navigateOnDragDrop: false,
      spellcheck: false,
    },
  };
}

/** True for our own renderer page (any #hash or ?query of it), false for everything else. */
export function isRendererUrl(url: string, rendererUrl: string): boolean {
  let candidate: URL;
  let own: URL;
  try {
    candidate = new URL(url);
    own = new URL(rendererUrl);
  } catch {
    return false;
  }
  return candidate.protocol === own.protocol && candidate.host === own.host && candidate.pathname === own.pathname;
}

/** Denies navigation away from the renderer, every new window and every <webview>. */
export function guardWebContents(contents: Pick<WebContents, 'on' | 'setWindowOpenHandler'>, rendererUrl: string): void {
  const denyForeign = (event: { preventDefault(): void; url: string }) => {
    if (!isRendererUrl(event.url, rendererUrl)) event.preventDefault();
  };
  contents.on('will-navigate', denyForeign);
  contents.on('will-redirect', denyForeign);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/**
 * Adds the CSP to every response and refuses every permission request (camera, geolocation,
 * notifications…): the renderer needs none, desktop notifications come from the main process.
 * The renderer's own files get the same policy from the app:// handler (protocol.ts), which
 * Chromium's webRequest hooks do not see.
 */
export function guardSession(session: Pick<Session, 'webRequest' | 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCsp(details.responseHeaders) });
  });
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}

export function withCsp(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const kept = Object.entries(headers ?? {}).filter(([name]) => name.toLowerCase() !== 'content-security-policy');
  return { ...Object.fromEntries(kept), 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] };
}

/**
 * Background mode: closing the window hides it and uploads go on; only an explicit Quit
 * (tray, menu, OS shutdown) lets it close for real.
 */
export function hideOnClose(win: Pick<BrowserWindow, 'on' | 'hide'>, isQuitting: () => boolean): void {
  win.on('close', (event) => {
    if (isQuitting()) return;
    event.preventDefault();
    win.hide();
  });
}

export function createMainWindow(createBrowserWindow: (options: BrowserWindowConstructorOptions) => BrowserWindow, paths: WindowPaths): BrowserWindow {
  const win = createBrowserWindow(buildWindowOptions(paths));
  guardWebContents(win.webContents, RENDERER_URL);
  win.once('ready-to-show', () => win.show());
  void win.loadURL(RENDERER_URL);
  return win;
}
