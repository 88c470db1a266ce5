/**
 * Who may talk to `pixdrop serve`: pure checks, no I/O. The server binds 127.0.0.1 only, but any
 * web page the user opens could still reach it, so every API request must carry the session token,
 * and a foreign Host (DNS rebinding) or Origin (cross-site page) is refused before the token is read.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { TOKEN_PROTOCOL_PREFIX } from '../../shared/session';
import { allowedHosts, isAllowedHost } from '../engine/net/loopback-hosts';

export { allowedHosts, isAllowedHost };

export { EVENTS_PROTOCOL } from '../../shared/session';

export function generateToken(): string {
  return randomBytes(32).toString('base64url');
}

/** No Origin at all is a same-origin navigation or a non-browser client: allowed (the token still applies). */
export function isAllowedOrigin(origin: string | undefined, port: number): boolean {
  if (origin === undefined) return true;
  return allowedHosts(port).some((host) => origin.toLowerCase() === `http://${host}`);
}

/**
 * The token from `Authorization: Bearer <token>`, or from the WebSocket handshake's
 * Sec-WebSocket-Protocol. Never from the query string: a request line ends up in logs, history
 * and Referer headers.
 */
export function presentedToken(authorization: string | undefined, webSocketProtocols: string | undefined): string | null {
  const match = authorization ? /^Bearer\s+(\S+)$/i.exec(authorization) : null;
  if (match) return match[1];
  const offered = (webSocketProtocols ?? '').split(',').map((p) => p.trim());
  const carrier = offered.find((p) => p.startsWith(TOKEN_PROTOCOL_PREFIX));
  return carrier ? carrier.slice(TOKEN_PROTOCOL_PREFIX.length) || null : null;
}

/**
 * Only origin-form targets (`/path?query`). An absolute-form target (`http://host/path`) or `*`
 * makes the raw URL and the routed path two different strings; nothing this server offers needs one.
 */
export function isOriginFormTarget(rawUrl: string | undefined): boolean {
  return rawUrl !== undefined && rawUrl.startsWith('/') && !rawUrl.startsWith('//');
}

export function tokenMatches(presented: string | null, expected: string): boolean {
  if (presented === null) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The renderer is plain bundled files: no inline script or style, no eval. Images may come from
 * data: URLs (EXIF thumbnails), this server, Cloudinary over https, or the demo-mode local servers.
 */
export function contentSecurityPolicy(port: number): string {
  const ws = allowedHosts(port)
    .map((host) => `ws://${host}`)
    .join(' ');
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob: https: http://127.0.0.1:* http://localhost:*",
    "font-src 'self'",
    `connect-src 'self' ${ws}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
