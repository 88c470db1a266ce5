/**
 * Demo mode, the embedded default: with nothing configured, PixDrop runs its own
 * Cloudinary-compatible server and album backend in-process, with their data under
 * <dataDir>/demo. Credentials are generated once; the ports are kept between runs (when free)
 * so the image URLs stored in albums stay valid.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CloudinaryConfig, EngineConfig, Logger } from '../engine/types';
import { startAlbumBackend, type AlbumBackend } from './album-backend';
import { startCloudinaryServer, type CloudinaryServer } from './cloudinary-server';
import { faultsFromEnv } from './faults';

/** What demo mode keeps in <dataDir>/demo/stack.json: credentials and the servers' ports. */
export interface DemoState {
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  jwtSecret: string;
  cloudinaryPort: number;
  backendPort: number;
}

export interface DemoStack {
  cloudinary: CloudinaryConfig;
  backendUrl: string;
  token: string;
  close(): Promise<void>;
}

function loadState(file: string): DemoState {
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as DemoState;
  return {
    cloudName: 'pixdrop-demo',
    apiKey: String(100000000000000 + Math.floor(Math.random() * 899999999999999)),
    apiSecret: randomBytes(20).toString('base64url'),
    jwtSecret: randomBytes(32).toString('base64url'),
    cloudinaryPort: 0,
    backendPort: 0,
  };
}

/** Try the remembered port; if another program took it, take any free one. */
async function onPort<T>(port: number, start: (port: number) => Promise<T>): Promise<T> {
  if (port === 0) return start(0);
  try {
    return await start(port);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
    return start(0);
  }
}

export async function startDemoStack(dataDir: string, logger: Logger): Promise<DemoStack> {
  const dir = path.join(dataDir, 'demo');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'stack.json');
  const state = loadState(file);
  const cloudinaryServer: CloudinaryServer = await onPort(state.cloudinaryPort, (port) =>
    startCloudinaryServer({
      cloudName: state.cloudName,
      apiKey: state.apiKey,
      apiSecret: state.apiSecret,
      storageDir: path.join(dir, 'cloudinary'),
      // The engine's own HEIC thumbnails: a photo decoded for the queue is not decoded again once uploaded.
      renditionCacheDir: path.join(dataDir, 'thumbnails'),
      port,
      faults: faultsFromEnv('cloudinary'),
      logger: logger.child('demo-cloudinary'),
    }),
  );
  const cloudinary: CloudinaryConfig = {
    cloudName: state.cloudName,
    apiKey: state.apiKey,
    apiSecret: state.apiSecret,
    uploadPrefix: cloudinaryServer.url,
    signatureAlgorithm: 'sha1',
    signatureVersion: 2,
  };
  let backend: AlbumBackend;
  try {
    backend = await onPort(state.backendPort, (port) =>
      startAlbumBackend({
        dbPath: path.join(dir, 'albums.sqlite'),
        jwtSecret: state.jwtSecret,
        cloudinary,
        port,
        faults: faultsFromEnv('backend'),
        logger: logger.child('demo-backend'),
      }),
    );
  } catch (error) {
    await cloudinaryServer.close();
    throw error;
  }
  writeFileSync(file, JSON.stringify({ ...state, cloudinaryPort: cloudinaryServer.port, backendPort: backend.port }, null, 2), { mode: 0o600 });
  const token = await backend.issueToken({ userId: 'demo-photographer', expiresInSeconds: 7 * 24 * 3600 });
  return {
    cloudinary,
    backendUrl: backend.url,
    token,
    async close() {
      await Promise.allSettled([cloudinaryServer.close(), backend.close()]);
    },
  };
}

/**
 * For the hosts (CLI, serve, the desktop app): with nothing configured, the local servers are started
 * and the engine gets an ordinary configuration pointing at them. Loaded only in demo mode: the servers
 * (fastify, busboy, jose) are ~12 MB of memory a configured engine never uses.
 */
export async function demoServices(config: EngineConfig, logger: Logger): Promise<{ config: EngineConfig; close(): Promise<void> }> {
  const demo = await startDemoStack(config.dataDir, logger);
  logger.info('demo mode: local Cloudinary-compatible server and album backend started');
  return { config: { ...config, cloudinary: demo.cloudinary, backendUrl: demo.backendUrl, apiToken: demo.token }, close: () => demo.close() };
}
