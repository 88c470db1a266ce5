import { describe, expect, it } from 'vitest';
import type { App } from 'electron';
import { BACKGROUND_FLAG, createLoginItemControl, linuxAutostartEntry } from '../../../src/main/electron/login-item';

function fakeApp() {
  let settings = { openAtLogin: false, wasOpenedAtLogin: false };
  const set: unknown[] = [];
  const app = {
    getLoginItemSettings: () => settings,
    setLoginItemSettings: (s: { openAtLogin: boolean }) => {
      set.push(s);
      settings = { ...settings, openAtLogin: s.openAtLogin };
    },
  };
  return { app: app as unknown as App, set, opened: () => (settings.wasOpenedAtLogin = true) };
}

describe('start at login', () => {
  it('uses the OS login items on macOS and Windows, starting in the background', () => {
    for (const platform of ['darwin', 'win32'] as const) {
      const { app, set } = fakeApp();
      const control = createLoginItemControl(app, { platform, executable: '/x', homeDir: '/home/ana' });
      expect(control.supported).toBe(true);
      control.setEnabled(true);
      expect(set).toEqual([{ openAtLogin: true, args: [BACKGROUND_FLAG] }]);
      expect(control.isEnabled()).toBe(true);
      expect(control.launchedAtLogin(['PixDrop.exe', BACKGROUND_FLAG])).toBe(true);
      expect(control.launchedAtLogin(['PixDrop.exe'])).toBe(false);
    }
  });

  it('knows a macOS login launch without the flag', () => {
    const { app, opened } = fakeApp();
    opened();
    expect(createLoginItemControl(app, { platform: 'darwin', executable: '/x', homeDir: '/h' }).launchedAtLogin([])).toBe(true);
  });

  it('is unsupported elsewhere', () => {
    const control = createLoginItemControl(fakeApp().app, { platform: 'freebsd', executable: '/x', homeDir: '/h' });
    expect(control.supported).toBe(false);
    expect(control.isEnabled()).toBe(false);
  });

  it('writes a Linux autostart entry that quotes an executable path with spaces', () => {
    expect(linuxAutostartEntry('/opt/PixDrop/pixdrop')).toContain(`Exec=/opt/PixDrop/pixdrop ${BACKGROUND_FLAG}\n`);
    expect(linuxAutostartEntry('/home/ana/My Apps/PixDrop.AppImage')).toContain(`Exec="/home/ana/My Apps/PixDrop.AppImage" ${BACKGROUND_FLAG}\n`);
    expect(linuxAutostartEntry('/home/ana/a"b$c')).toContain('Exec="/home/ana/a\\"b\\$c" --background');
    expect(linuxAutostartEntry('/x')).toMatch(/^\[Desktop Entry\]\nType=Application\nName=PixDrop\n/);
  });
});
