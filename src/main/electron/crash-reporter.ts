/**
 * Electron's crash reporter, local only: dumps of a crashed main, renderer or GPU process are kept
 * in <data dir>/crash-dumps and never uploaded (uploadToServer false, no submit URL). Switched by the
 * `crashReports` setting; Electron can start it only once and only early, so a change applies
 * from the next start.
 */
import path from 'node:path';
import type { App, CrashReporter } from 'electron';
import { defaultDataDir } from '../engine/config';
import { crashDumpsDir } from '../engine/diagnostics/crash-dumps';
import { desktopSwitches, loadSettings } from '../engine/settings';

/** The data dir as resolveConfig finds it, known before anything else is resolved. */
export function desktopDataDir(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.PIXDROP_DATA_DIR || defaultDataDir(env));
}

/** Reads the switch from the saved settings (a damaged file is said later, by the engine's start). */
export function crashReportsWanted(dataDir: string): boolean {
  try {
    return desktopSwitches(loadSettings(dataDir)).crashReports;
  } catch {
    return true;
  }
}

/** Before app ready: points crashDumps into the data dir and starts the reporter when wanted. */
export function startLocalCrashReporter(
  e: { app: Pick<App, 'setPath'>; crashReporter: Pick<CrashReporter, 'start'> },
  dataDir: string,
): { started: boolean; dir: string } {
  const dir = crashDumpsDir(dataDir);
  e.app.setPath('crashDumps', dir);
  if (!crashReportsWanted(dataDir)) return { started: false, dir };
  e.crashReporter.start({ uploadToServer: false, submitURL: '', productName: 'PixDrop', compress: true, ignoreSystemCrashHandler: false });
  return { started: true, dir };
}
