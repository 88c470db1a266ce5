/**
 * Entry of the Electron main process (built to out/electron/main.cjs; `electron` stays external).
 */
import path from 'node:path';
import { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, Tray } from 'electron';
import { autoUpdater } from 'electron-updater';
import { runDesktopApp } from './app';

// __dirname is out/electron in both a checkout and the packaged app.asar.
const outDir = path.resolve(__dirname, '..');

runDesktopApp(
  { app, BrowserWindow, crashReporter, dialog, ipcMain, Menu, nativeImage, Notification, protocol, safeStorage, session, Tray },
  { outDir, iconDir: path.resolve(outDir, '..', 'build'), argv: process.argv, env: process.env, autoUpdater, resourcesPath: process.resourcesPath },
).catch((error: unknown) => {
  dialog.showErrorBox('PixDrop stopped unexpectedly', error instanceof Error ? error.message : String(error));
  app.exit(1);
});
