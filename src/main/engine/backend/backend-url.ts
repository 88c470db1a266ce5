/**
 * Which album backend URLs PixDrop sends a token to: https://, or http:// to this computer only
 * (the demo backend, a backend under development). Over plain http to another machine the token
 * could be read by anyone on the network.
 */
const LOOPBACK_HOST = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

export const BACKEND_URL_FORM = 'an https:// URL such as https://albums.example.com (http:// only for this computer: 127.0.0.1, localhost, [::1])';

export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOST.test(hostname);
}

/** True for https URLs and for http URLs on loopback. */
export function isAllowedBackendUrl(raw: string): boolean {
  if (!URL.canParse(raw)) return false;
  const url = new URL(raw);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && isLoopbackHost(url.hostname);
}
