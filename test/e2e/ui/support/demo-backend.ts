/**
 * The album backend of a `pixdrop serve` in demo mode, read over its own HTTP API: its address and
 * signing secret are in <data dir>/demo/stack.json, so a test signs a token for the demo photographer
 * and asks the backend itself what it holds (not the window, not the engine's cache).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { SignJWT } from 'jose';

export interface BackendImage {
  id: string;
  title: string | null;
  description: string | null;
  filename: string | null;
  metadatas: Record<string, unknown>;
}

export interface BackendAlbum {
  id: string;
  name: string;
  images_count: number;
  cover_url: string | null;
}

export async function demoBackend(dataDir: string) {
  const state = JSON.parse(readFileSync(path.join(dataDir, 'demo', 'stack.json'), 'utf8')) as { jwtSecret: string; backendPort: number };
  const base = `http://127.0.0.1:${state.backendPort}`;
  const token = await new SignJWT({ user_id: 'demo-photographer' })
    .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
    .setIssuedAt()
    .setExpirationTime('10m')
    .sign(new TextEncoder().encode(state.jwtSecret));
  const get = async <T>(route: string): Promise<T> => {
    const response = await fetch(`${base}${route}`, { headers: { authorization: `Token token="${token}"` } });
    if (!response.ok) throw new Error(`GET ${route}: ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  return {
    albums: () => get<BackendAlbum[]>('/api/v1/albums'),
    images: (albumId: string) => get<BackendImage[]>(`/api/v1/albums/${encodeURIComponent(albumId)}/images?per_page=1000`),
  };
}
