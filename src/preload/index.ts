/**
 * The preload: runs sandboxed and context-isolated, built as CommonJS (sandboxed preloads cannot
 * be ES modules). It exposes only the typed bridge; the renderer never sees ipcRenderer itself.
 */
import { contextBridge, ipcRenderer, webUtils } from 'electron';
import { createDesktopBridge } from './bridge';

contextBridge.exposeInMainWorld('pixdrop', createDesktopBridge(ipcRenderer, webUtils));
