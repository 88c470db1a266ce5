/**
 * The desktop updater put together from what the running app knows: its version, whether it is
 * packaged, the feed electron-builder wrote into app-update.yml (or PIXDROP_UPDATE_URL), the
 * install id in the data dir, and the `autoUpdate` setting (read at each use, so a change in
 * Settings counts at once).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';
import { desktopSwitches, loadSettings } from '../engine/settings';
import type { Logger } from '../engine/types';
import { checkForUpdate, feedBaseUrl, installId } from '../updates/check';
import { channelOf, inRollout } from '../updates/decide';
import { verifyFile } from '../updates/verify';
import { createDesktopUpdater, type AutoUpdaterLike, type DesktopUpdater } from './updater';

export interface AppUpdaterOptions {
  app: Pick<App, 'getVersion' | 'isPackaged'>;
  autoUpdater: AutoUpdaterLike;
  env: NodeJS.ProcessEnv;
  dataDir: string;
  /** process.resourcesPath: where the packaged app's app-update.yml is. */
  resourcesPath: string | undefined;
  logger: Logger;
  notice(level: 'info' | 'warning', message: string): void;
  ready(version: string): void;
}

export function createAppUpdater(o: AppUpdaterOptions): DesktopUpdater {
  const version = o.app.getVersion();
  const feed = feedBaseUrl(o.env, readAppUpdateYml(o.resourcesPath));
  const id = installId(o.dataDir);
  const fileKinds = packageKinds(process.platform, o.env);
  return createDesktopUpdater({
    autoUpdater: o.autoUpdater,
    check: () => checkForUpdate({ feedBaseUrl: feed, currentVersion: version, platform: process.platform, arch: process.arch, installId: id, fileKinds }),
    verify: verifyFile,
    inRollout: (percentage) => inRollout(percentage, id),
    channel: channelOf(version),
    feedOverride: o.env.PIXDROP_UPDATE_URL?.trim() || null,
    packaged: o.app.isPackaged,
    enabled: () => autoUpdateWanted(o.dataDir),
    notice: o.notice,
    ready: o.ready,
    logger: o.logger,
    every: (tick, firstMs, everyMs) => {
      let interval: NodeJS.Timeout | undefined;
      const first = setTimeout(() => {
        tick();
        interval = setInterval(tick, everyMs);
      }, firstMs);
      return () => {
        clearTimeout(first);
        clearInterval(interval);
      };
    },
  });
}

function autoUpdateWanted(dataDir: string): boolean {
  try {
    return desktopSwitches(loadSettings(dataDir)).autoUpdate;
  } catch {
    return false; // a damaged settings file: ask nothing of the network until it is fixed
  }
}

function readAppUpdateYml(resourcesPath: string | undefined): string | null {
  if (!resourcesPath) return null;
  try {
    return readFileSync(path.join(resourcesPath, 'app-update.yml'), 'utf8');
  } catch {
    return null;
  }
}

/** The package this app updates itself with, as electron-updater's updater for it expects. */
function packageKinds(platform: NodeJS.Platform, env: NodeJS.ProcessEnv): string[] {
  if (platform === 'darwin') return ['zip'];
  if (platform === 'win32') return ['exe'];
  return env.APPIMAGE ? ['AppImage'] : ['deb', 'AppImage'];
}
