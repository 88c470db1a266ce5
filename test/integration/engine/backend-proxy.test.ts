/**
 * Every request through HTTP_PROXY / HTTPS_PROXY, the album backend's as the uploads'
 * (node:http): a forwarding proxy on 127.0.0.1 started here. NO_PROXY is set to another host, so
 * no default exemption of this machine lets a request bypass it.
 */
import { cpSync } from 'node:fs';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { makeTestCertificate } from '../../helpers/test-certificate';
import { startForwardingProxy, withoutProxyVars, type ForwardingProxy } from '../../helpers/forwarding-proxy';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { makePhotos, startSurvivalStack, type SurvivalStack } from '../survival/harness';

describe('the album backend and the uploads through a proxy', () => {
  let stack: SurvivalStack;
  let proxy: ForwardingProxy;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    proxy = await startForwardingProxy();
  });
  afterAll(async () => {
    await proxy?.close();
    await stack?.close();
  });

  it('a folder uploads exactly once and the proxy saw every request of both servers', { timeout: 90_000 }, async () => {
    const folder = path.join(tempDir('pixdrop-backend-proxy-'), 'Hotel wifi');
    cpSync(path.join(fixturesDir, 'orientation'), folder, { recursive: true });
    makePhotos(folder, [{ name: 'BIG_0001.jpg', size: 12_000_000 }], 53); // three chunks of 5 MiB
    const env = {
      ...withoutProxyVars(stack.envFor('hotel', { PIXDROP_CHUNK_SIZE: '5242880' })),
      HTTP_PROXY: proxy.url,
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'example.invalid',
    };
    const cloudinaryBefore = stack.cloudinary.stats();
    const backendBefore = stack.backend.stats();
    const seenBefore = proxy.seen.length;

    const run = await runCli(['upload', folder, '--album-from-folder', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const summary = ndjson(run.stdout).at(-1) as { uploaded: number; failed: number };
    expect(summary.failed).toBe(0);
    expect(summary.uploaded).toBeGreaterThan(5);

    const cloudinaryRequests = stack.cloudinary.stats().requests - cloudinaryBefore.requests;
    const backend = stack.backend.stats();
    // Cloudinary's notifications reach the backend from the Cloudinary server, not from PixDrop.
    const backendRequests = backend.requests - backendBefore.requests - (backend.webhookPosts - backendBefore.webhookPosts);
    const seen = proxy.seen.slice(seenBefore);
    const toBackend = seen.filter((r) => r.host === new URL(stack.backend.url).host);
    const toCloudinary = seen.filter((r) => r.host === new URL(stack.cloudinary.url).host);
    console.log(
      `through the proxy: ${toCloudinary.length} of ${cloudinaryRequests} Cloudinary requests, ${toBackend.length} of ${backendRequests} backend requests`,
    );
    expect(stack.cloudinary.stats().chunkRequests - cloudinaryBefore.chunkRequests).toBeGreaterThanOrEqual(3);
    expect(toCloudinary).toHaveLength(cloudinaryRequests);
    expect(toBackend).toHaveLength(backendRequests);
    expect(seen).toHaveLength(cloudinaryRequests + backendRequests);
    // The backend client's interceptor put the token on every request it sent.
    expect(toBackend.every((r) => r.authScheme === 'Token')).toBe(true);

    const albumId = stack.backend.listImages().find((image) => image.filename === 'BIG_0001.jpg')?.album_id;
    const album = stack.backend.listImages().filter((image) => image.album_id === albumId);
    expect(album).toHaveLength(summary.uploaded);
    expect(new Set(album.map((image) => image.public_id)).size).toBe(summary.uploaded);
  });

  it('an https backend is reached through a CONNECT tunnel, and its X-token refresh is kept', { timeout: 60_000 }, async (ctx) => {
    const dir = tempDir('pixdrop-backend-proxy-tls-');
    const tls = makeTestCertificate(dir, 'localhost', 'DNS:localhost');
    if (!tls) return ctx.skip('openssl is not available to make a test certificate');
    const tokensSeen: string[] = [];
    const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      tokensSeen.push(req.headers.authorization ?? '');
      const fresh = tokensSeen.length === 1 ? { 'x-token': 'token-refreshed-by-the-server' } : {};
      res.writeHead(200, { 'content-type': 'application/json', ...fresh }).end(JSON.stringify([{ id: 'a1', name: 'Hotel', images_count: 0 }]));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `https://localhost:${(server.address() as AddressInfo).port}`;
    try {
      const seenBefore = proxy.seen.length;
      const env = {
        ...withoutProxyVars(stack.envFor('tls')),
        PIXDROP_API_URL: origin,
        PIXDROP_API_TOKEN: 'token-given-by-the-admin',
        HTTPS_PROXY: proxy.url,
        NO_PROXY: 'example.invalid',
        NODE_EXTRA_CA_CERTS: tls.certPath,
      };
      for (let i = 0; i < 2; i += 1) {
        const run = await runCli(['albums', '--json'], env);
        expect(run.code, run.stderr).toBe(0);
        expect(JSON.parse(run.stdout)).toMatchObject([{ id: 'a1', name: 'Hotel' }]);
      }
      const tunnels = proxy.seen.slice(seenBefore);
      expect(tunnels.length).toBeGreaterThanOrEqual(2);
      expect(tunnels.every((t) => t.method === 'CONNECT' && t.host === new URL(origin).host)).toBe(true);
      // The second run sends the token the first run was handed (stored by the token store).
      expect(tokensSeen).toEqual(['Token token="token-given-by-the-admin"', 'Token token="token-refreshed-by-the-server"']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
