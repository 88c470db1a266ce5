/**
 * The renderer is served from app://pixdrop/…, a privileged custom scheme, not from file://:
 * a file:// page shares its origin with every file on disk and (unless the fuse is off) gets extra
 * privileges. This handler serves only files inside out/renderer — no path that leaves it, by
 * `..`, %-escapes or a symlink — and gives every answer the window's Content-Security-Policy
 * (Chromium runs no webRequest hooks for custom protocols).
 */
import { readFile as readFileCallback, realpath as realpathCallback } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Protocol } from 'electron';

// The callback forms: Electron's asar support patches them for files inside app.asar.
const readFile = promisify(readFileCallback);
const realpath = promisify(realpathCallback);

export const RENDERER_SCHEME = 'app';
export const RENDERER_HOST = 'pixdrop';
export const RENDERER_URL = `${RENDERER_SCHEME}://${RENDERER_HOST}/index.html`;

/**
 * standard: relative URLs and origins work as on the web; secure: a secure context, like https;
 * supportFetchAPI: the page may fetch its own assets; corsEnabled: module scripts (Vite marks them
 * crossorigin) are fetched in CORS mode, which Chromium refuses for schemes without it — no answer
 * ever carries Access-Control-Allow-Origin, so no other origin can read these files. No bypassCSP,
 * no service workers.
 */
export const RENDERER_SCHEME_PRIVILEGES = { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } as const;

/** Must run before the app is ready (Electron's rule for privileged schemes). */
export function registerRendererScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: RENDERER_SCHEME, privileges: { ...RENDERER_SCHEME_PRIVILEGES } }]);
}

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/**
 * The file inside `rendererDir` that `url` names, or null when the URL is not ours or its path
 * would leave the folder. Pure: the symlink check is in the handler.
 */
export function rendererFileFor(rendererDir: string, url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if (parsed.protocol !== `${RENDERER_SCHEME}:` || parsed.host !== RENDERER_HOST) return null;
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return null; // a broken %-escape
  }
  if (relative.includes('\0') || relative.includes('\\')) return null;
  if (relative === '/' || relative === '') relative = '/index.html';
  const root = path.resolve(rendererDir);
  const file = path.resolve(root, `.${relative}`);
  const inside = path.relative(root, file);
  return inside && !inside.startsWith('..') && !path.isAbsolute(inside) ? file : null;
}

export type RendererHandler = (request: Request) => Promise<Response>;

export function createRendererHandler(rendererDir: string, contentSecurityPolicy: string): RendererHandler {
  const headers = (type: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': contentSecurityPolicy,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-cache',
  });
  const notFound = () => new Response('Not found', { status: 404, headers: headers('text/plain; charset=utf-8') });
  return async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return new Response(null, { status: 405, headers: headers('text/plain; charset=utf-8') });
    const file = rendererFileFor(rendererDir, request.url);
    if (!file) return notFound();
    try {
      // A symlink inside out/renderer must not lead outside it either.
      const [root, real] = await Promise.all([realpath(rendererDir), realpath(file)]);
      const inside = path.relative(root, real);
      if (!inside || inside.startsWith('..') || path.isAbsolute(inside)) return notFound();
      const body = await readFile(real);
      return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
        status: 200,
        headers: headers(CONTENT_TYPES[path.extname(real).toLowerCase()] ?? 'application/octet-stream'),
      });
    } catch {
      return notFound();
    }
  };
}

/** Serves out/renderer on app://pixdrop/ in the given session's protocol registry (after ready). */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string, contentSecurityPolicy: string): void {
  protocol.handle(RENDERER_SCHEME, createRendererHandler(rendererDir, contentSecurityPolicy));
}
