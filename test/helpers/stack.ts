/**
 * The real local stack for integration tests: our Cloudinary-compatible server and album
 * backend on 127.0.0.1, in temp dirs, plus the environment that points a `pixdrop` process at them.
 */
import { rmSync } from 'node:fs';
import path from 'node:path';
import { startAlbumBackend, type AlbumBackend } from '../../src/main/localstack/album-backend';
import { startCloudinaryServer, type CloudinaryServer } from '../../src/main/localstack/cloudinary-server';
import type { FaultOptions } from '../../src/main/localstack/faults';
import { afterEach, beforeAll, beforeEach } from 'vitest';
import { requireBuiltCli, tempDir } from './index';

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

export interface StackWithShoot {
  stack: TestStack;
  /** The photographer's folder inside the stack's temp dir (created only by `fill`). */
  shoot: string;
}

/**
 * For CLI tests: a fresh stack per test and the path of its `shoot` folder (filled by `fill`, when given), closed
 * after each; the built CLI is required once. The fields are set before each test (read them inside it).
 */
export function stackWithShootEach(o: { folder?: string; fill?: (shoot: string) => void } = {}): StackWithShoot {
  const s = {} as StackWithShoot;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    s.stack = await startTestStack();
    s.shoot = path.join(s.stack.dir, o.folder ?? 'shoot');
    o.fill?.(s.shoot);
  });
  afterEach(() => s.stack?.close());
  return s;
}

export interface UploadWatch {
  /** The first byte of every chunk request, in arrival order. */
  chunkStarts: number[];
  /** Upload requests the server is still reading (a killed client's last bytes still arrive from the socket). */
  open(): number;
}

/** Watches the upload requests the server receives (set as its upload hook). */
export function watchUploads(cloudinary: CloudinaryServer): UploadWatch {
  const chunkStarts: number[] = [];
  let open = 0;
  cloudinary.setUploadHook((r) => {
    const match = r.contentRange ? /^bytes (\d+)-/.exec(r.contentRange) : null;
    if (match) chunkStarts.push(Number(match[1]));
    open += 1;
    r.req.once('close', () => (open -= 1));
  });
  return { chunkStarts, open: () => open };
}
