/**
 * HTTP_PROXY / HTTPS_PROXY / NO_PROXY: a small forwarding proxy on 127.0.0.1 (absolute-URI
 * requests forwarded, CONNECT tunnelled), started here. Through it a folder — a chunked photo
 * among them — uploads exactly once, and every request the servers received came through it.
 * With NO_PROXY naming the servers, it sees nothing and the upload still works.
 */
import { cpSync } from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { makeTestCertificate } from '../../helpers/test-certificate';
import { startForwardingProxy, type ForwardingProxy } from '../../helpers/forwarding-proxy';
import { makePhotos, startSurvivalStack, type SurvivalStack } from '../survival/harness';

describe('uploads through a proxy', () => {
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

  const folderOfPhotos = (name: string, seed: number) => {
    const folder = path.join(tempDir('pixdrop-proxy-'), name);
    cpSync(path.join(fixturesDir, 'orientation'), folder, { recursive: true });
    makePhotos(folder, [{ name: 'BIG_0001.jpg', size: 12_000_000 }], seed); // three chunks of 5 MiB
    return folder;
  };
  const withoutProxyVars = (env: NodeJS.ProcessEnv) => {
    const out = { ...env };
    for (const key of Object.keys(out)) if (/^(https?|all|no)_proxy$/i.test(key)) delete out[key];
    return out;
  };
  const hostOf = (url: string) => new URL(url).host;

  it('sends every request through HTTP_PROXY/HTTPS_PROXY and uploads each photo exactly once', { timeout: 90_000 }, async () => {
    const folder = folderOfPhotos('Proxied', 31);
    const env = { ...withoutProxyVars(stack.envFor('proxied', { PIXDROP_CHUNK_SIZE: '5242880' })), HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url };
    const cloudinaryBefore = stack.cloudinary.stats();
    const backendBefore = stack.backend.stats();
    const run = await runCli(['upload', folder, '--album-from-folder', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    const summary = ndjson(run.stdout).at(-1) as { uploaded: number; failed: number };
    const photos = summary.uploaded;
    expect(summary).toMatchObject({ failed: 0 });
    expect(photos).toBeGreaterThan(5);

    const cloudinaryRequests = stack.cloudinary.stats().requests - cloudinaryBefore.requests;
    const backend = stack.backend.stats();
    // Cloudinary's own notifications reach the backend directly, not from PixDrop.
    const backendRequests = backend.requests - backendBefore.requests - (backend.webhookPosts - backendBefore.webhookPosts);
    const viaProxy = (url: string) => proxy.seen.filter((r) => r.host === hostOf(url)).length;
    console.log(
      `through the proxy: ${viaProxy(stack.cloudinary.url)} of ${cloudinaryRequests} Cloudinary requests, ${viaProxy(stack.backend.url)} of ${backendRequests} backend requests`,
    );
    expect(stack.cloudinary.stats().chunkRequests - cloudinaryBefore.chunkRequests).toBeGreaterThanOrEqual(3);
    expect(viaProxy(stack.cloudinary.url)).toBe(cloudinaryRequests);
    expect(viaProxy(stack.backend.url)).toBe(backendRequests);

    const album = stack.backend.listImages().filter((i) => i.album_id === stack.backend.listImages().find((x) => x.filename === 'BIG_0001.jpg')?.album_id);
    expect(album).toHaveLength(photos);
    expect(new Set(album.map((i) => i.public_id)).size).toBe(photos);
  });

  it('tunnels https requests with CONNECT (the backend and Cloudinary on https, as in real use)', { timeout: 60_000 }, async (ctx) => {
    const dir = tempDir('pixdrop-proxy-tls-');
    const tls = makeTestCertificate(dir, '127.0.0.1', 'IP:127.0.0.1');
    if (!tls) return ctx.skip('openssl is not available to make a test certificate');
    let answered = 0;
    const server = https.createServer({ key: tls.key, cert: tls.cert }, (req, res) => {
      answered += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end('[]');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `https://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
    try {
      const seenBefore = proxy.seen.length;
      const env = {
        ...withoutProxyVars(stack.envFor('tls')),
        CLOUDINARY_URL: '',
        CLOUDINARY_UPLOAD_PREFIX: origin,
        PIXDROP_API_URL: origin,
        PIXDROP_API_TOKEN: 'token-for-the-tls-test',
        HTTPS_PROXY: proxy.url,
        NODE_EXTRA_CA_CERTS: tls.certPath,
      };
      const run = await runCli(['doctor', '--json'], env);
      const report = JSON.parse(run.stdout) as { servers: { name: string; ok: boolean; status: number }[] };
      expect(report.servers.map((s) => [s.name, s.ok, s.status])).toEqual([
        ['Cloudinary', true, 200],
        ['the album backend', true, 200],
      ]);
      const tunnels = proxy.seen.slice(seenBefore);
      expect(tunnels.length).toBeGreaterThanOrEqual(1);
      expect(tunnels.every((t) => t.method === 'CONNECT' && t.host === new URL(origin).host)).toBe(true);
      expect(answered).toBe(2);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it('connects directly to the hosts NO_PROXY names', { timeout: 90_000 }, async () => {
    const folder = folderOfPhotos('Direct', 47);
    const seenBefore = proxy.seen.length;
    const env = { ...withoutProxyVars(stack.envFor('direct')), HTTP_PROXY: proxy.url, HTTPS_PROXY: proxy.url, NO_PROXY: '127.0.0.1' };
    const run = await runCli(['upload', folder, '--album-from-folder', '--json'], env);
    expect(run.code, run.stderr).toBe(0);
    expect(ndjson(run.stdout).at(-1)).toMatchObject({ failed: 0 });
    expect(proxy.seen.length - seenBefore).toBe(0);
  });
});
