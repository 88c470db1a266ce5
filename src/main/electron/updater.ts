/**
 * Auto-update, the Electron half. The decision (newer? this channel? in the rollout? feed readable?)
 * is made by src/main/updates in plain Node and said to the person in one sentence; only when it
 * says "available" is electron-updater asked to fetch and download, and the file it downloaded is
 * installed only if its sha512 is the feed's. Nothing here throws: every failure becomes a notice
 * (checks the person asked for) or a log line (scheduled checks), and PixDrop stays as it is.
 */
import type { AppUpdater, UpdateDownloadedEvent } from 'electron-updater';
import type { UpdateDecision } from '../updates/decide';
import type { Verification } from '../updates/verify';
import type { Logger } from '../engine/types';

export type AutoUpdaterLike = Pick<
  AppUpdater,
  | 'checkForUpdates'
  | 'downloadUpdate'
  | 'quitAndInstall'
  | 'setFeedURL'
  | 'channel'
  | 'autoDownload'
  | 'autoInstallOnAppQuit'
  | 'allowDowngrade'
  | 'forceDevUpdateConfig'
  | 'isUserWithinRollout'
  | 'logger'
> & { on(event: 'update-downloaded', listener: (info: UpdateDownloadedEvent) => void): unknown; on(event: 'error', listener: (error: Error) => void): unknown };

export interface DesktopUpdaterOptions {
  autoUpdater: AutoUpdaterLike;
  /** The plain check (src/main/updates/check.ts) bound to this app's feed, version and install id. */
  check(): Promise<UpdateDecision>;
  verify(file: string, expected: { sha512: string; size?: number }): Promise<Verification>;
  /** Same rollout rule as the plain check, so both halves agree on this installation. */
  inRollout(stagingPercentage: number | undefined): boolean;
  /** 'latest', or the prerelease channel this version came from ('beta'): both halves read its file. */
  channel: string;
  /** Set when PIXDROP_UPDATE_URL names a feed: electron-updater is pointed at it too. */
  feedOverride: string | null;
  packaged: boolean;
  enabled(): boolean;
  notice(level: 'info' | 'warning', message: string): void;
  /** An update was downloaded and verified: offer the restart. */
  ready(version: string): void;
  logger: Logger;
  /** Runs `tick` after `firstMs`, then every `everyMs`; returns what stops it. */
  every(tick: () => void, firstMs: number, everyMs: number): () => void;
}

export interface DesktopUpdater {
  checkNow(reason: 'user' | 'schedule'): Promise<UpdateDecision>;
  setEnabled(enabled: boolean): void;
  readyVersion(): string | null;
  /** Installs the downloaded update; call once the engine has stopped. */
  install(): void;
  stop(): void;
}

const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 6 * 60 * 60_000;

/** What the updater knows between checks: the update being fetched, and the one verified. */
interface UpdaterState {
  pending: (UpdateDecision & { kind: 'available' }) | null;
  ready: string | null;
}

export function createDesktopUpdater(o: DesktopUpdaterOptions): DesktopUpdater {
  const u = o.autoUpdater;
  configure(o);
  const state: UpdaterState = { pending: null, ready: null };
  let running: Promise<UpdateDecision> | null = null;
  let stopSchedule: (() => void) | null = null;

  u.on('error', (error) => o.logger.warn('update: electron-updater reported an error', { message: error.message }));
  u.on('update-downloaded', (info) => void acceptDownload(o, state, info));

  const updater: DesktopUpdater = {
    checkNow(reason) {
      if (reason === 'schedule' && !o.enabled())
        return Promise.resolve({ kind: 'unavailable', version: null, message: 'Automatic updates are switched off in Settings.' });
      running ??= runCheck(o, state, reason).finally(() => (running = null));
      return running;
    },
    setEnabled(enabled) {
      stopSchedule?.();
      stopSchedule = enabled ? o.every(() => void updater.checkNow('schedule'), FIRST_CHECK_MS, CHECK_EVERY_MS) : null;
      u.autoInstallOnAppQuit = enabled && state.ready !== null;
    },
    readyVersion: () => state.ready,
    install() {
      if (state.ready) u.quitAndInstall(false, true);
    },
    stop() {
      stopSchedule?.();
      stopSchedule = null;
    },
  };
  updater.setEnabled(o.enabled());
  return updater;
}

/** The plain check decides; electron-updater fetches only what it called available. */
async function runCheck(o: DesktopUpdaterOptions, state: UpdaterState, reason: 'user' | 'schedule'): Promise<UpdateDecision> {
  const decision = await o.check().catch((error: Error): UpdateDecision => ({
    kind: 'unreachable',
    version: null,
    message: `The update check failed (${error.message}); PixDrop stays on this version.`,
  }));
  // A person who asked is told; a scheduled check only leaves a line in the log.
  const tell = (level: 'info' | 'warning', message: string) =>
    reason === 'user' ? o.notice(level, message) : o.logger[level === 'info' ? 'info' : 'warn'](`update: ${message}`);
  if (decision.kind !== 'available') {
    tell(decision.kind === 'unreachable' || decision.kind === 'malformed' ? 'warning' : 'info', decision.message);
    return decision;
  }
  if (state.ready === decision.version) {
    tell('info', `PixDrop ${state.ready} is downloaded and is installed when you quit PixDrop.`);
    return decision;
  }
  state.pending = decision;
  tell('info', `${decision.message} Downloading it…`);
  try {
    await o.autoUpdater.checkForUpdates();
    await o.autoUpdater.downloadUpdate();
  } catch (error) {
    tell('warning', `PixDrop ${decision.version} could not be downloaded (${(error as Error).message}); PixDrop stays on this version and tries again later.`);
  }
  return decision;
}

/** electron-updater's download is installed only if its sha512 is the one the feed gave. */
async function acceptDownload(o: DesktopUpdaterOptions, state: UpdaterState, info: UpdateDownloadedEvent): Promise<void> {
  const named = info.files.find((f) => info.downloadedFile.endsWith(f.url.split('/').pop() ?? '\0'));
  const expected = state.pending?.version === info.version ? state.pending.file : (named ?? { sha512: info.sha512 });
  const verdict = await o.verify(info.downloadedFile, expected).catch((error: Error) => ({ ok: false as const, message: error.message }));
  if (!verdict.ok) {
    o.autoUpdater.autoInstallOnAppQuit = false;
    o.notice('warning', verdict.message);
    return;
  }
  state.ready = info.version;
  o.autoUpdater.autoInstallOnAppQuit = o.enabled();
  o.logger.info('update: downloaded and verified', { version: info.version });
  o.notice('info', `PixDrop ${info.version} is ready: it is installed when you quit PixDrop (or choose "Restart to install" in the tray).`);
  o.ready(info.version);
}

/** Downloads only when the plain check said so, never a downgrade, installs only once verified. */
function configure(o: DesktopUpdaterOptions): void {
  const u = o.autoUpdater;
  if (o.channel !== 'latest') u.channel = o.channel; // electron-updater then allows downgrades: undone below
  u.autoDownload = false;
  u.autoInstallOnAppQuit = false;
  u.allowDowngrade = false;
  u.isUserWithinRollout = (info) => o.inRollout(info.stagingPercentage);
  u.logger = {
    info: (message?: unknown) => o.logger.debug(`electron-updater: ${String(message)}`),
    warn: (message?: unknown) => o.logger.warn(`electron-updater: ${String(message)}`),
    error: (message?: unknown) => o.logger.warn(`electron-updater: ${String(message)}`),
  };
  if (o.feedOverride) {
    u.setFeedURL({ provider: 'generic', url: o.feedOverride });
    // An unpackaged build has no app-update.yml; with a feed named it may check all the same.
    if (!o.packaged) u.forceDevUpdateConfig = true;
  }
}
