/**
 * The desktop host: one instance, one window, a tray, and the engine running in the main process
 * for as long as the app lives. Closing the window leaves uploads going (background mode); only
 * Quit stops the engine, cleanly, before the process exits.
 *
 * Electron's modules are passed in (main.ts passes the real ones), so nothing here is global.
 */
import os from 'node:os';
import path from 'node:path';
import type { BrowserWindow } from 'electron';
import { Channel, type EngineEvent, type Result } from '../../shared/api';
import { toView } from '../../shared/errors';
import { createEventBatcher } from '../api/events';
import { overrideApi } from '../api/override';
import { resolveConfig } from '../engine/config';
import { demoServicesFor } from '../localstack/services';
import { createEngine } from '../engine/index';
import { createLogger, fileSink } from '../engine/logger';
import type { Engine, Logger } from '../engine/types';
import { forwardEvents, registerApiHandlers, senderIsRenderer } from './ipc';
import { createLoginItemControl, type LoginItemControl } from './login-item';
import { createMainTranslator, mainLocale, type MainTranslator } from './i18n';
import { createNoticePlanner, type DesktopNotice } from './notifications';
import { createSafeStorageCodec } from './secrets';
import { installCrashGuard, type CrashGuardHooks } from './crash-guard';
import { RENDERER_URL, registerRendererScheme, serveRenderer } from './protocol';
import { createTrayController, type TrayController } from './tray';
import type { TrayBandwidth } from './tray-bandwidth';
import { startLocalCrashReporter, desktopDataDir } from './crash-reporter';
import { samplesDirFor } from './samples-dir';
import { applySystemProxy } from './system-proxy';
import type { AutoUpdaterLike, DesktopUpdater } from './updater';
import { createAppUpdater } from './updates-host';
import { CONTENT_SECURITY_POLICY, createMainWindow, guardSession, hideOnClose, type WindowPaths } from './window';

export type DesktopElectron = Pick<
  typeof import('electron'),
  'app' | 'BrowserWindow' | 'crashReporter' | 'dialog' | 'ipcMain' | 'Menu' | 'nativeImage' | 'Notification' | 'protocol' | 'safeStorage' | 'session' | 'Tray'
>;

export interface DesktopOptions {
  /** The build output folder holding electron/, preload/ and renderer/. */
  outDir: string;
  /** Folder of the runtime icons (tray, window). */
  iconDir: string;
  argv: readonly string[];
  env: NodeJS.ProcessEnv;
  /** electron-updater's autoUpdater (absent: no updates, no tray entry). */
  autoUpdater?: AutoUpdaterLike;
  /** process.resourcesPath, where a packaged app's app-update.yml lies. */
  resourcesPath?: string;
}

/** How long a clean stop may take before the process exits anyway (progress is saved as it goes). */
const STOP_TIMEOUT_MS = 15_000;

export async function runDesktopApp(e: DesktopElectron, o: DesktopOptions, proc: Pick<NodeJS.Process, 'on' | 'off'> = process): Promise<void> {
  if (!e.app.requestSingleInstanceLock()) {
    e.app.quit(); // the first instance shows its window (second-instance below)
    return;
  }
  let crashHooks: CrashGuardHooks | null = null;
  installCrashGuard(proc, () => crashHooks);
  registerRendererScheme(e.protocol); // before ready, as Electron requires for privileged schemes
  startLocalCrashReporter(e, desktopDataDir(o.env)); // before ready too, so every process is covered
  const windows = createWindowKeeper(e, o);
  e.app.on('second-instance', () => windows.show());
  e.app.on('window-all-closed', () => {
    // Background mode: uploads continue with no window; Quit is in the tray.
  });
  await e.app.whenReady();
  if (process.platform === 'win32') e.app.setAppUserModelId('com.pixdrop.desktop');

  const started = await startEngine(e, o);
  if (!started) return;
  const { engine, logger } = started;
  guardSession(e.session.defaultSession);
  serveRenderer(e.protocol, windowPaths(o).rendererDir, CONTENT_SECURITY_POLICY);
  crashHooks = crashHooksFor(e, logger, windows);
  const trayRedraw = { now: () => {} };
  const updates = updaterFor(e, o, engine.config.dataDir, logger, windows, () => trayRedraw.now());
  const quitPlan: QuitPlan = { installUpdate: false };
  const speech = await speechFor(e, engine);
  const stopHost = startHost({ e, o, engine, logger, windows, updates, quitPlan, trayRedraw, speech });
  installQuit(e, { engine, logger, windows, stopHost, updates, quitPlan });
  e.app.on('activate', () => windows.show()); // macOS: click on the dock icon
  const loginItem = loginItemFor(e, o);
  if (!loginItem.launchedAtLogin(o.argv)) windows.show();
}

async function startEngine(e: DesktopElectron, o: DesktopOptions): Promise<{ engine: Engine; logger: Logger } | null> {
  try {
    const codec = createSafeStorageCodec(e.safeStorage);
    const config = resolveConfig({ env: o.env, codec });
    const logger = createLogger(config.logLevel, fileSink(config.dataDir)).child('desktop');
    await applySystemProxy(e.session.defaultSession, config, o.env, logger);
    const samplesDir = samplesDirFor({ packaged: e.app.isPackaged, resourcesPath: o.resourcesPath, outDir: o.outDir });
    const engine = await createEngine({
      config,
      logger,
      secretCodec: codec,
      watch: true,
      lockWaitMs: 5_000,
      startServices: demoServicesFor(config, logger),
      samplesDir,
    });
    await engine.start();
    logger.info('desktop app started', { demoMode: config.demoMode });
    return { engine, logger };
  } catch (error) {
    e.dialog.showErrorBox('PixDrop cannot start', toView(error).message);
    e.app.exit(2);
    return null;
  }
}

function updaterFor(
  e: DesktopElectron,
  o: DesktopOptions,
  dataDir: string,
  logger: Logger,
  windows: WindowKeeper,
  redrawTray: () => void,
): DesktopUpdater | null {
  if (!o.autoUpdater) return null;
  return createAppUpdater({
    app: e.app,
    autoUpdater: o.autoUpdater,
    env: o.env,
    dataDir,
    resourcesPath: o.resourcesPath,
    logger: logger.child('updates'),
    notice: (level, message) => sendNotice(windows, level, message),
    ready: redrawTray,
  });
}

/** What the clean quit does at its end: quit, or install the downloaded update and restart. */
interface QuitPlan {
  installUpdate: boolean;
}

interface UpdateWiring {
  updates: DesktopUpdater | null;
  quitPlan: QuitPlan;
  trayRedraw: { now(): void };
}

/** The language the tray and notifications speak: Settings' choice, else the OS's. */
interface Speech {
  tr: MainTranslator;
  choose(language: string | null): MainTranslator;
}

async function speechFor(e: DesktopElectron, engine: Engine): Promise<Speech> {
  const system = () => e.app.getPreferredSystemLanguages?.() ?? [e.app.getLocale?.() ?? 'en'];
  const settings = await engine.getSettings();
  const speech: Speech = {
    tr: createMainTranslator(mainLocale(settings.ok ? settings.value.language : null, system())),
    choose: (language) => (speech.tr = createMainTranslator(mainLocale(language, system()))),
  };
  return speech;
}

/** What the desktop host's parts (IPC, tray, notifications) are built from, once the engine runs. */
interface Host extends UpdateWiring {
  e: DesktopElectron;
  o: DesktopOptions;
  engine: Engine;
  logger: Logger;
  windows: WindowKeeper;
  speech: Speech;
}

/** IPC, event forwarding, tray and notifications; returns what undoes them. */
function startHost(host: Host): () => void {
  const { e, engine, logger, windows, updates, speech } = host;
  let tray: TrayController | null = null;
  const api = overrideApi(engine, {
    chooseFolder: () => chooseFolder(e, windows.current(), speech.tr),
    updateSettings: async (patch) => {
      const result = await engine.updateSettings(patch);
      if (result.ok && patch.autoUpdate !== undefined) updates?.setEnabled(patch.autoUpdate);
      if (result.ok && patch.language !== undefined) tray?.setTranslator(speech.choose(patch.language));
      if (result.ok && patch.bwlimit !== undefined) tray?.refresh();
      return result;
    },
  });
  const unregister = registerApiHandlers({ ipcMain: e.ipcMain, api, isTrustedSender: senderIsRenderer(RENDERER_URL), logger: logger.child('ipc') });
  const stopForwarding = forwardEvents({
    subscribe: (listener) => engine.onEvent(listener),
    target: () => windows.current()?.webContents ?? null,
  });
  const shownTray = createTray(host);
  tray = shownTray;
  const stopStatusFeed = feedStatus(e, engine, shownTray, windows, () => speech.tr);
  return () => {
    stopStatusFeed();
    stopForwarding();
    unregister();
    shownTray.destroy();
    updates?.stop();
  };
}

async function chooseFolder(e: DesktopElectron, win: BrowserWindow | null, tr: MainTranslator): Promise<Result<string | null>> {
  const options = { title: tr.t('dialog.chooseFolder'), properties: ['openDirectory' as const] };
  const answer = win ? await e.dialog.showOpenDialog(win, options) : await e.dialog.showOpenDialog(options);
  return { ok: true, value: answer.canceled ? null : (answer.filePaths[0] ?? null) };
}

function createTray(w: Host): TrayController {
  const { e, o, engine, windows, updates, quitPlan } = w;
  const logger = w.logger.child('tray');
  const iconFile = process.platform === 'darwin' ? 'trayTemplate.png' : 'tray.png';
  const tray = new e.Tray(e.nativeImage.createFromPath(path.join(o.iconDir, iconFile)));
  const loginItem = loginItemFor(e, o);
  const controller = createTrayController(
    tray,
    (template) => e.Menu.buildFromTemplate(template),
    {
      showWindow: () => windows.show(),
      pauseAll: () => void engine.pauseJobs('all'),
      resumeAll: () => void engine.resumeJobs('all'),
      cancelAll: (count) => void confirmCancelAll(e, windows.current(), count, w.speech.tr).then((yes) => (yes ? engine.cancelJobs('all') : null)),
      quit: () => e.app.quit(),
      bandwidth: trayBandwidth(engine, logger, () => controller.refresh()),
      ...(loginItem.supported ? { setOpenAtLogin: (on: boolean) => loginItem.setEnabled(on) } : {}),
      ...(updates ? { checkForUpdates: () => void updates.checkNow('user'), installUpdate: () => ((quitPlan.installUpdate = true), e.app.quit()) } : {}),
    },
    loginItem,
    updates ?? undefined,
    w.speech.tr,
  );
  w.trayRedraw.now = () => controller.refresh();
  void engine.getStatus().then((r) => r.ok && controller.update(r.value));
  return controller;
}

/** The tray's upload limit: the one in force (Settings, `pixdrop bwlimit`, SIGHUP alike), changed as Settings change it. */
function trayBandwidth(engine: Engine, logger: Logger, redraw: () => void): TrayBandwidth {
  return {
    current: () => engine.config.bwlimit?.spec ?? null,
    set: (bwlimit) =>
      void engine.updateSettings({ bwlimit }).then((result) => {
        if (!result.ok) logger.warn('The upload limit chosen in the tray was not applied', { bwlimit, error: result.error.message });
        redraw(); // the radio shows the limit in force, whichever way it went
      }),
  };
}

/** "Cancel all" from the tray says how many files it takes out of the queue before it does. */
async function confirmCancelAll(e: DesktopElectron, win: BrowserWindow | null, count: number, tr: MainTranslator): Promise<boolean> {
  const options = {
    type: 'question' as const,
    title: tr.t('cancel.trayTitle'),
    message: tr.t('cancel.confirmTitle', { count }),
    detail: tr.t('cancel.confirmBody', { count }),
    buttons: [tr.t('cancel.confirmYes', { count }), tr.t('cancel.confirmNo')],
    defaultId: 1,
    cancelId: 1,
  };
  const answer = win ? await e.dialog.showMessageBox(win, options) : await e.dialog.showMessageBox(options);
  return answer.response === 0;
}

/** Tray text (at most once a second) and desktop notifications (from every status change). */
function feedStatus(e: DesktopElectron, engine: Engine, tray: TrayController, windows: WindowKeeper, tr: () => MainTranslator): () => void {
  const planner = createNoticePlanner(tr);
  const toTray = createEventBatcher(
    (events) => {
      const status = events.findLast((ev) => ev.type === 'statusChanged');
      if (status?.type === 'statusChanged') tray.update(status.status);
    },
    { intervalMs: 1_000 },
  );
  const unsubscribe = engine.onEvent((event: EngineEvent) => {
    toTray.push(event);
    const notice = planner.observe(event, Date.now());
    if (notice) notify(e, notice, windows);
  });
  return () => {
    unsubscribe();
    toTray.close();
  };
}

/** What the crash guard does with an error once the engine and window exist. */
function crashHooksFor(e: DesktopElectron, logger: Logger, windows: WindowKeeper): CrashGuardHooks {
  return {
    log: (kind, error) => logger.error(`${kind} in the main process`, { message: error.message, stack: error.stack }),
    show: (message) => {
      sendNotice(windows, 'error', message);
      if (e.Notification.isSupported()) new e.Notification({ title: 'PixDrop', body: message }).show();
    },
    quit: (message) => {
      e.dialog.showErrorBox('PixDrop is closing', message);
      e.app.quit(); // through before-quit: the engine stops cleanly first
    },
  };
}

function sendNotice(windows: WindowKeeper, level: 'info' | 'warning' | 'error', message: string): void {
  const contents = windows.current()?.webContents;
  if (contents && !contents.isDestroyed()) contents.send(Channel.events, [{ type: 'notice', level, message } satisfies EngineEvent]);
}

function notify(e: DesktopElectron, notice: DesktopNotice, windows: WindowKeeper): void {
  if (!e.Notification.isSupported() || windows.current()?.isFocused()) return;
  const shown = new e.Notification({ title: notice.title, body: notice.body });
  shown.on('click', () => windows.show());
  shown.show();
}

function installQuit(
  e: DesktopElectron,
  o: { engine: Engine; logger: Logger; windows: WindowKeeper; stopHost: () => void; updates: DesktopUpdater | null; quitPlan: QuitPlan },
): void {
  let phase: 'running' | 'stopping' | 'stopped' = 'running';
  o.windows.setQuitting(() => phase !== 'running');
  e.app.on('before-quit', (event) => {
    if (phase === 'stopped') return;
    event.preventDefault(); // first stop the engine, then quit for real
    if (phase === 'stopping') return;
    phase = 'stopping';
    o.stopHost();
    void stopWithin(o.engine, STOP_TIMEOUT_MS)
      .catch((error) => o.logger.error('engine did not stop cleanly', { error: toView(error).message }))
      .finally(() => {
        phase = 'stopped';
        if (o.quitPlan.installUpdate && o.updates?.readyVersion()) o.updates.install();
        else e.app.quit();
      });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => e.app.quit());
}

async function stopWithin(engine: Engine, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`engine stop took longer than ${ms} ms`)), ms);
  });
  try {
    await Promise.race([engine.stop(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function windowPaths(o: DesktopOptions): WindowPaths {
  return {
    preloadPath: path.join(o.outDir, 'preload', 'index.cjs'),
    rendererDir: path.join(o.outDir, 'renderer'),
    iconPath: path.join(o.iconDir, 'icon.png'),
  };
}

function loginItemFor(e: DesktopElectron, o: DesktopOptions): LoginItemControl {
  return createLoginItemControl(e.app, {
    platform: process.platform,
    executable: o.env.APPIMAGE ?? process.execPath,
    homeDir: os.homedir(),
    xdgConfigHome: o.env.XDG_CONFIG_HOME,
  });
}

interface WindowKeeper {
  current(): BrowserWindow | null;
  show(): void;
  setQuitting(isQuitting: () => boolean): void;
}

/** The one window, created on first show and re-created if it was really closed. */
function createWindowKeeper(e: DesktopElectron, o: DesktopOptions): WindowKeeper {
  let win: BrowserWindow | null = null;
  let isQuitting = () => false;
  return {
    current: () => (win && !win.isDestroyed() ? win : null),
    show() {
      if (!win || win.isDestroyed()) {
        win = createMainWindow((options) => new e.BrowserWindow(options), windowPaths(o));
        hideOnClose(win, () => isQuitting());
        return;
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    setQuitting: (check) => {
      isQuitting = check;
    },
  };
}
