/**
 * The real local stack for integration tests: our Cloudinary-compatible server and album
 * backend on 127.0.0.1, in temp dirs, plus the environment that points a `pixdrop` process at them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startAlbumBackend, type AlbumBackend } from '../../src/main/localstack/album-backend';
import { startCloudinaryServer, type CloudinaryServer } from '../../src/main/localstack/cloudinary-server';
import type { FaultOptions } from '../../src/main/localstack/faults';
import { tempDir } from './index';

export interface TestStack {
  dir: string;
  dataDir: string;
  cloudinary: CloudinaryServer;
  backend: AlbumBackend;
  token: string;
  env: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

export const CLOUD = { cloudName: 'pixdrop-test', apiKey: '123456789012345', apiSecret: 'test-secret-Xq3r9ZtYv8kLmN0p' };

export { tempDir };

export async function startTestStack(
  o: { cloudinaryFaults?: FaultOptions; backendFaults?: FaultOptions; cloudinaryPort?: number; backendPort?: number } = {},
): Promise<TestStack> {
  const dir = tempDir();
  const cloudinary = await startCloudinaryServer({ ...CLOUD, storageDir: path.join(dir, 'cloudinary'), faults: o.cloudinaryFaults, port: o.cloudinaryPort });
  const backend = await startAlbumBackend({
    dbPath: path.join(dir, 'albums.sqlite'),
    jwtSecret: 'jwt-test-secret-0123456789abcdef',
    cloudinary: { ...CLOUD, uploadPrefix: cloudinary.url, signatureAlgorithm: 'sha1', signatureVersion: 2 },
    faults: o.backendFaults,
    port: o.backendPort,
  });
  const token = await backend.issueToken({ userId: 'photographer-1' });
  const dataDir = path.join(dir, 'data');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    CLOUDINARY_URL: `cloudinary://${CLOUD.apiKey}:${CLOUD.apiSecret}@${CLOUD.cloudName}?upload_prefix=${cloudinary.url}`,
    PIXDROP_API_URL: backend.url,
    PIXDROP_API_TOKEN: token,
    PIXDROP_DATA_DIR: dataDir,
  };
  return {
    dir,
    dataDir,
    cloudinary,
    backend,
    token,
    env,
    async close() {
      await Promise.allSettled([cloudinary.close(), backend.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The first byte of every chunk request the server receives, in arrival order (set as its upload hook). */
export function recordChunkStarts(cloudinary: CloudinaryServer): number[] {
  const starts: number[] = [];
  cloudinary.setUploadHook((r) => {
    const match = r.contentRange ? /^bytes (\d+)-/.exec(r.contentRange) : null;
    if (match) starts.push(Number(match[1]));
  });
  return starts;
}
