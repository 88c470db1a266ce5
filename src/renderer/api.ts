/**
 * Picks the transport once: the Electron preload's `window.pixdrop` when present, otherwise HTTP +
 * WebSocket to `pixdrop serve` with the session token from the address. Screens only ever see a
 * PixdropApi and never know which host they run in.
 */
import type { DesktopApi, PixdropApi } from '../shared/api';
import { createHttpApi } from './transport/httpApi';
import { takeSessionToken } from './transport/sessionToken';

export type { DesktopApi };

declare global {
  interface Window {
    pixdrop?: DesktopApi;
  }
}

export type Host = { kind: 'desktop'; api: DesktopApi } | { kind: 'browser'; api: PixdropApi } | { kind: 'unauthorised' };

export function connectHost(): Host {
  if (window.pixdrop) return { kind: 'desktop', api: window.pixdrop };
  const token = takeSessionToken(window.location, window.history, window.sessionStorage);
  if (!token) return { kind: 'unauthorised' };
  return { kind: 'browser', api: createHttpApi({ baseUrl: new URL('./', window.location.href).href, token }) };
}
