import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';
import type { BrowserWindow, Session, WebContents } from 'electron';
import {
  CONTENT_SECURITY_POLICY,
  buildWindowOptions,
  createMainWindow,
  guardSession,
  guardWebContents,
  hideOnClose,
  isRendererUrl,
  withCsp,
} from '../../../src/main/electron/window';
import { RENDERER_URL } from '../../../src/main/electron/protocol';
import { FakeBrowserWindow, FakeWebContents } from './fakes';

const rendererDir = '/opt/PixDrop/resources/app.asar/out/renderer';
const rendererUrl = RENDERER_URL;

describe('window options', () => {
  it('pins the security-relevant webPreferences', () => {
    const options = buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs' });
    expect(options.webPreferences).toEqual({
      preload: '/app/out/preload/index.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
    });
    expect(options.show).toBe(false);
  });

  it('uses a CSP that allows only our own scripts and no plugins, frames or base rewrites', () => {
    const directives = new Map(CONTENT_SECURITY_POLICY.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)] as const));
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval|unsafe-inline|file:/);
  });
});

describe('the page itself', () => {
  it('carries the same script and style rules in its meta CSP (enforced together with the header)', () => {
    const html = readFileSync(path.join(repoRoot, 'src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    expect(meta).toContain("script-src 'self'");
    expect(meta).toContain("style-src 'self'");
    expect(meta).not.toMatch(/unsafe-inline|unsafe-eval|file:/);
  });
});

describe('navigation', () => {
  it('recognises only our renderer page (with any hash or query)', () => {
    expect(isRendererUrl(rendererUrl, rendererUrl)).toBe(true);
    expect(isRendererUrl(`${rendererUrl}#/queue`, rendererUrl)).toBe(true);
    expect(isRendererUrl(`${rendererUrl}?view=settings`, rendererUrl)).toBe(true);
    expect(rendererUrl).toBe('app://pixdrop/index.html');
    expect(isRendererUrl('file:///opt/PixDrop/resources/app.asar/out/renderer/index.html', rendererUrl)).toBe(false);
    expect(isRendererUrl('app://pixdrop/other.html', rendererUrl)).toBe(false);
    expect(isRendererUrl('app://other/index.html', rendererUrl)).toBe(false);
    expect(isRendererUrl('file:///etc/passwd', rendererUrl)).toBe(false);
    expect(isRendererUrl('https://evil.example/index.html', rendererUrl)).toBe(false);
    expect(isRendererUrl('http://127.0.0.1:5173/', rendererUrl)).toBe(false);
    expect(isRendererUrl('not a url', rendererUrl)).toBe(false);
  });

  it('denies navigating or redirecting away, new windows and webviews', () => {
    const contents = new FakeWebContents();
    guardWebContents(contents as unknown as WebContents, rendererUrl);
    expect(contents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', 'file:///home/ana/Photos/IMG_0001.jpg')).toBe(true);
    expect(contents.attempt('will-redirect', 'https://evil.example/')).toBe(true);
    expect(contents.attempt('will-navigate', `${rendererUrl}#/albums`)).toBe(false);
    expect(contents.attempt('will-attach-webview', 'https://evil.example/')).toBe(true);
    expect(contents.openHandler?.({ url: 'https://res.cloudinary.com/demo/image.jpg' })).toEqual({ action: 'deny' });
  });
});

describe('session', () => {
  it('adds the CSP to every response, replacing any other, and refuses every permission', () => {
    let headersListener: ((details: { responseHeaders?: Record<string, string[]> }, cb: (r: unknown) => void) => void) | null = null;
    let requestHandler: ((c: unknown, p: string, cb: (granted: boolean) => void) => void) | null = null;
    let checkHandler: (() => boolean) | null = null;
    const session = {
      webRequest: { onHeadersReceived: (listener: typeof headersListener) => (headersListener = listener) },
      setPermissionRequestHandler: (h: typeof requestHandler) => (requestHandler = h),
      setPermissionCheckHandler: (h: typeof checkHandler) => (checkHandler = h),
    };
    guardSession(session as unknown as Session);

    let answered: unknown;
    headersListener!({ responseHeaders: { 'content-security-policy': ['default-src *'], 'Content-Type': ['text/html'] } }, (r) => (answered = r));
    expect(answered).toEqual({ responseHeaders: { 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });

    const granted: boolean[] = [];
    for (const permission of ['media', 'geolocation', 'notifications', 'openExternal']) requestHandler!(null, permission, (g) => granted.push(g));
    expect(granted).toEqual([false, false, false, false]);
    expect(checkHandler!()).toBe(false);
    expect(withCsp(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('the main window', () => {
  it('is created with the pinned options, guarded, and loads the renderer over app://, never file://', () => {
    let made: FakeBrowserWindow | null = null;
    const win = createMainWindow((options) => (made = new FakeBrowserWindow(options)) as unknown as BrowserWindow, {
      preloadPath: '/app/out/preload/index.cjs',
      rendererDir,
    }) as unknown as FakeBrowserWindow;
    expect(win).toBe(made);
    expect(win.options).toEqual(buildWindowOptions({ preloadPath: '/app/out/preload/index.cjs' }));
    expect(win.loaded).toBe('app://pixdrop/index.html');
    expect(win.webContents.attempt('will-navigate', 'https://evil.example/')).toBe(true);
    expect(win.shown).toBe(false);
    win.emit('ready-to-show');
    expect(win.shown).toBe(true);
  });

  it('hides instead of closing until the app is quitting (background mode)', () => {
    const win = new FakeBrowserWindow({});
    let quitting = false;
    hideOnClose(win as unknown as BrowserWindow, () => quitting);
    expect(win.tryClose()).toBe(false);
    expect(win.hidden).toBe(true);
    quitting = true;
    expect(win.tryClose()).toBe(true);
  });
});
