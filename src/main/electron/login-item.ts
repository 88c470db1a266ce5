/**
 * "Start at login": Electron's login items on macOS and Windows; an XDG autostart entry on
 * Linux, where Electron has none. Started at login, the app opens in the background (tray only).
 */
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { App } from 'electron';

/** Passed on the command line when the OS starts the app at login. */
export const BACKGROUND_FLAG = '--background';

export interface LoginItemControl {
  readonly supported: boolean;
  isEnabled(): boolean;
  setEnabled(enabled: boolean): void;
  /** Whether this launch came from the login item (so no window should open). */
  launchedAtLogin(argv: readonly string[]): boolean;
}

export interface LoginItemEnv {
  platform: NodeJS.Platform;
  /** The command that starts this app: the AppImage file when run from one, else the executable. */
  executable: string;
  homeDir: string;
  xdgConfigHome?: string;
}

export function createLoginItemControl(app: Pick<App, 'getLoginItemSettings' | 'setLoginItemSettings'>, env: LoginItemEnv): LoginItemControl {
  if (env.platform === 'linux') return linuxAutostart(env);
  if (env.platform !== 'darwin' && env.platform !== 'win32') return unsupported;
  const args = [BACKGROUND_FLAG];
  return {
    supported: true,
    isEnabled: () => app.getLoginItemSettings({ args }).openAtLogin,
    setEnabled: (enabled) => app.setLoginItemSettings({ openAtLogin: enabled, args }),
    launchedAtLogin: (argv) => argv.includes(BACKGROUND_FLAG) || app.getLoginItemSettings({ args }).wasOpenedAtLogin === true,
  };
}

const unsupported: LoginItemControl = {
  supported: false,
  isEnabled: () => false,
  setEnabled: () => {},
  launchedAtLogin: () => false,
};

export function linuxAutostartEntry(executable: string): string {
  // Desktop Entry spec: arguments with spaces or specials are double-quoted, with \" and \\ escaped.
  const quoted = /[\s"'\\$`]/.test(executable) ? `"${executable.replace(/(["\\$`])/g, '\\$1')}"` : executable;
  return [
    '[Desktop Entry]',
    'Type=Application',
    'Name=PixDrop',
    'Comment=Uploads your photos in the background',
    `Exec=${quoted} ${BACKGROUND_FLAG}`,
    'Terminal=false',
    'X-GNOME-Autostart-enabled=true',
    '',
  ].join('\n');
}

function linuxAutostart(env: LoginItemEnv): LoginItemControl {
  const file = path.join(env.xdgConfigHome ?? path.join(env.homeDir, '.config'), 'autostart', 'pixdrop.desktop');
  return {
    supported: true,
    isEnabled: () => existsSync(file),
    setEnabled(enabled) {
      if (!enabled) return rmSync(file, { force: true });
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, linuxAutostartEntry(env.executable));
    },
    launchedAtLogin: (argv) => argv.includes(BACKGROUND_FLAG),
  };
}
