/**
 * The local stack the CLI and the SDK talk to: our Cloudinary-compatible server and the album
 * backend on 127.0.0.1 (the same modules `pixdrop` demo mode and the tests run), plus the
 * environment that points a process at them.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const CLOUD = { cloudName: 'pixdrop-bench', apiKey: '123456789012345', apiSecret: 'bench-secret-Xq3r9ZtYv8kLmN0p' };

export function tempDir(prefix = 'pixdrop-bench-') {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startStack(engine) {
  const dir = tempDir();
  const cloudinary = await engine.startCloudinaryServer({ ...CLOUD, storageDir: path.join(dir, 'cloudinary') });
  const backend = await engine.startAlbumBackend({
    dbPath: path.join(dir, 'albums.sqlite'),
    jwtSecret: 'jwt-bench-secret-0123456789abcdef',
    cloudinary: { ...CLOUD, uploadPrefix: cloudinary.url, signatureAlgorithm: 'sha1', signatureVersion: 2 },
  });
  const token = await backend.issueToken({ userId: 'photographer-1' });
  const cloudinaryUrl = `cloudinary://${CLOUD.apiKey}:${CLOUD.apiSecret}@${CLOUD.cloudName}?upload_prefix=${cloudinary.url}`;
  const envFor = (dataDir, extra = {}) => ({
    ...process.env,
    CLOUDINARY_URL: cloudinaryUrl,
    PIXDROP_API_URL: backend.url,
    PIXDROP_API_TOKEN: token,
    PIXDROP_DATA_DIR: dataDir,
    PIXDROP_LOG_LEVEL: 'warn',
    ...extra,
  });
  return {
    dir,
    cloudinary,
    backend,
    cloudinaryUrl,
    envFor,
    async close() {
      await Promise.allSettled([cloudinary.close(), backend.close()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
