/**
 * The local Cloudinary-compatible server and album backend in a process of their own, so a bench
 * can measure the engine and the servers apart. Args: <engine bundle> <storage dir>.
 * Prints one JSON line with the URLs and a token, then answers each stdin line "stats" with a JSON
 * line of request counts and its own RSS. The first upload request's arrival time (Date.now()) is
 * in the stats as firstUploadAt.
 */
import path from 'node:path';
import { createInterface } from 'node:readline';
import { readFileSync } from 'node:fs';

const [bundle, dir] = process.argv.slice(2);
const engine = await import(bundle);
const CLOUD = { cloudName: 'pixdrop-bench', apiKey: '123456789012345', apiSecret: 'bench-secret-Xq3r9ZtYv8kLmN0p' };
let firstUploadAt = null;
const cloudinary = await engine.startCloudinaryServer({
  ...CLOUD,
  storageDir: path.join(dir, 'cloudinary'),
  onUploadRequest: () => {
    firstUploadAt ??= Date.now();
  },
});
const backend = await engine.startAlbumBackend({
  dbPath: path.join(dir, 'albums.sqlite'),
  jwtSecret: 'jwt-bench-secret-0123456789abcdef',
  cloudinary: { ...CLOUD, uploadPrefix: cloudinary.url, signatureAlgorithm: 'sha1', signatureVersion: 2 },
});
const token = await backend.issueToken({ userId: 'photographer-1' });
const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))[1]) * 1024;
const say = (o) => process.stdout.write(`${JSON.stringify(o)}\n`);
say({
  cloudinaryUrl: `cloudinary://${CLOUD.apiKey}:${CLOUD.apiSecret}@${CLOUD.cloudName}?upload_prefix=${cloudinary.url}`,
  backendUrl: backend.url,
  token,
});
const lines = createInterface({ input: process.stdin });
lines.on('line', (line) => {
  if (line.trim() === 'stats') {
    const c = cloudinary.stats();
    const b = backend.stats();
    say({
      cloudinary: { requests: c.requests, uploadRequests: c.uploadRequests, bytesReceived: c.bytesReceived },
      backend: { requests: b.requests, imagePosts: b.imagePosts },
      firstUploadAt,
      rss: rss(),
    });
    firstUploadAt = null;
  }
});
lines.on('close', async () => {
  await Promise.allSettled([cloudinary.close(), backend.close()]);
  process.exit(0);
});
