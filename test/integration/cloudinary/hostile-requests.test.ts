/**
 * Malformed requests from any local process or web page against demo mode's servers, sent as raw
 * bytes over node:net to a real `pixdrop serve` (the demo stack runs inside it): each one gets an
 * answer or a closed connection, and the process goes on serving. A server that threw would end
 * the process (and in the desktop app, the Electron main process) — `alive()` would be false.
 * Host is checked like `serve` does: only 127.0.0.1:PORT and localhost:PORT, so a page reached by
 * DNS rebinding cannot talk to them.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startDemoServe, type DemoServe } from '../../helpers/demo-serve';
import { rawRequest, requestHead } from '../../helpers/raw-http';

let demo: DemoServe;

beforeAll(async () => {
  demo = await startDemoServe();
});

afterAll(async () => {
  await demo?.stop();
});

const BOUNDARY = '----pixdrop-boundary';

/** A multipart body whose file part starts and never ends (no closing boundary). */
function truncatedForm(fields: Record<string, string> = {}): string {
  const head = Object.entries(fields)
    .map(([name, value]) => `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`)
    .join('');
  return `${head}--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\nJPEG`;
}

function uploadRequest(port: number, body: string, o: { contentLength?: number; host?: string } = {}): string {
  return (
    requestHead('POST', `/v1_1/${demo.state.cloudName}/image/upload`, [
      ['Host', o.host ?? `127.0.0.1:${port}`],
      ['Content-Type', `multipart/form-data; boundary=${BOUNDARY}`],
      ['Content-Length', String(o.contentLength ?? Buffer.byteLength(body))],
    ]) + body
  );
}

/** Both demo servers still answer a plain request. */
async function expectServing(): Promise<void> {
  const cloudinary = await rawRequest(demo.state.cloudinaryPort, requestHead('GET', '/', [['Host', `127.0.0.1:${demo.state.cloudinaryPort}`]]));
  const token = await demo.userToken();
  const backend = await rawRequest(
    demo.state.backendPort,
    requestHead('GET', '/api/v1/albums', [
      ['Host', `127.0.0.1:${demo.state.backendPort}`],
      ['Authorization', `Token token="${token}"`],
    ]),
  );
  expect(demo.alive(), demo.stderr()).toBe(true);
  expect(cloudinary.status).toBe(404);
  expect(backend.status).toBe(200);
}

describe('demo Cloudinary-compatible server under malformed uploads', () => {
  it('answers 400 to a truncated multipart body of about 100 bytes, and the app keeps running', async () => {
    const body = truncatedForm();
    expect(Buffer.byteLength(body)).toBeLessThan(120);
    const answer = await rawRequest(demo.state.cloudinaryPort, uploadRequest(demo.state.cloudinaryPort, body));
    expect(answer.status).toBe(400);
    expect(answer.text).toMatch(/multipart/i);
    await expectServing();
  });

  it('survives a truncated body after valid-looking fields (the file part is being written when the form ends)', async () => {
    const body = truncatedForm({ api_key: demo.state.apiKey, timestamp: String(Math.floor(Date.now() / 1000)), signature: 'x'.repeat(40) });
    const answer = await rawRequest(demo.state.cloudinaryPort, uploadRequest(demo.state.cloudinaryPort, body));
    expect(answer.status).toBe(400);
    await expectServing();
  });

  it('survives a client that announces more bytes than it sends and leaves', async () => {
    const body = truncatedForm();
    await rawRequest(demo.state.cloudinaryPort, uploadRequest(demo.state.cloudinaryPort, body, { contentLength: 10_000 }), { end: true, timeoutMs: 2000 });
    await expectServing();
  });
});

describe('demo Cloudinary-compatible server under malformed request targets', () => {
  it('answers 400 to a target that is not a URL path (//) and to a broken %-escape, and keeps running', async () => {
    const port = demo.state.cloudinaryPort;
    const slashes = await rawRequest(port, requestHead('GET', '//', [['Host', `127.0.0.1:${port}`]]));
    expect(slashes.status).toBe(400);
    const escape = await rawRequest(
      port,
      requestHead('POST', '/v1_1/%E0%A4%A/image/upload', [
        ['Host', `127.0.0.1:${port}`],
        ['Content-Length', '0'],
      ]),
    );
    expect(escape.status).toBe(400);
    expect(escape.text).toMatch(/Malformed request/);
    await expectServing();
  });
});

describe('demo servers check Host like serve does', () => {
  const get = (port: number, host: string) => rawRequest(port, requestHead('GET', '/api/v1/albums', [['Host', host]]));

  it('refuses a foreign Host (DNS rebinding) with 403 on both servers', async () => {
    for (const port of [demo.state.cloudinaryPort, demo.state.backendPort]) {
      const answer = await get(port, `evil.example:${port}`);
      expect(answer.status, `port ${port}`).toBe(403);
      expect(answer.text).toMatch(/Host/);
    }
    const upload = await rawRequest(demo.state.cloudinaryPort, uploadRequest(demo.state.cloudinaryPort, truncatedForm(), { host: 'evil.example' }));
    expect(upload.status).toBe(403);
  });

  it('accepts 127.0.0.1:PORT and localhost:PORT', async () => {
    for (const port of [demo.state.cloudinaryPort, demo.state.backendPort]) {
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`]) {
        const answer = await get(port, host);
        expect(answer.status, host).not.toBe(403);
      }
    }
  });
});
