/**
 * The desktop renderer's app://pixdrop/ protocol, with the real handler on real files: only
 * what is inside out/renderer is served, with the window's CSP; every way out is a 404.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Protocol } from 'electron';
import { beforeAll, describe, expect, it } from 'vitest';
import { RENDERER_URL, createRendererHandler, registerRendererScheme, rendererFileFor, serveRenderer } from '../../../src/main/electron/protocol';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/window';
import { tempDir } from '../../helpers/stack';

let outDir: string;
let rendererDir: string;
let handler: ReturnType<typeof createRendererHandler>;

beforeAll(() => {
  outDir = tempDir('pixdrop-protocol-');
  rendererDir = path.join(outDir, 'renderer');
  mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>PixDrop</title>');
  writeFileSync(path.join(rendererDir, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(outDir, 'secret.txt'), 'SECRET OUTSIDE THE RENDERER');
  symlinkSync(path.join(outDir, 'secret.txt'), path.join(rendererDir, 'assets', 'link.txt'));
  handler = createRendererHandler(rendererDir, CONTENT_SECURITY_POLICY);
});

const get = (url: string, method = 'GET') => handler(new Request(url, { method }));

describe('app://pixdrop/ serves the renderer', () => {
  it('answers index.html and the assets with their types and the window CSP', async () => {
    const page = await get(RENDERER_URL);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toContain('<title>PixDrop</title>');
    expect(page.headers.get('access-control-allow-origin'), 'no other origin may read these files').toBeNull();
    const script = await get('app://pixdrop/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await (await get('app://pixdrop/')).text()).toContain('PixDrop');
  });

  it.each([
    ['a dot-dot path', 'app://pixdrop/../secret.txt'],
    ['an escaped slash after ..', 'app://pixdrop/..%2fsecret.txt'],
    ['escaped dots and slash', 'app://pixdrop/%2e%2e%2fsecret.txt'],
    ['an escaped backslash', 'app://pixdrop/..%5csecret.txt'],
    ['an absolute path smuggled in', `app://pixdrop/${encodeURIComponent('/etc/passwd')}`],
    ['a NUL byte', 'app://pixdrop/index.html%00.png'],
    ['a broken escape', 'app://pixdrop/%E0%A4%A'],
    ['a symlink inside that leads outside', 'app://pixdrop/assets/link.txt'],
    ['another host of the scheme', 'app://evil/index.html'],
    ['a file that does not exist', 'app://pixdrop/nope.js'],
  ])('refuses %s (404, nothing from outside)', async (_what, url) => {
    const answer = await get(url);
    expect(answer.status).toBe(404);
    expect(await answer.text()).not.toContain('SECRET');
  });

  it('answers only GET and HEAD', async () => {
    expect((await get(RENDERER_URL, 'POST')).status).toBe(405);
    const head = await get(RENDERER_URL, 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('maps URLs to files inside the folder only (pure check)', () => {
    expect(rendererFileFor(rendererDir, 'app://pixdrop/assets/a.js')).toBe(path.join(rendererDir, 'assets', 'a.js'));
    expect(rendererFileFor(rendererDir, 'file:///etc/passwd')).toBeNull();
    expect(rendererFileFor(rendererDir, 'app://pixdrop/..%2f..%2fetc%2fpasswd')).toBeNull();
    expect(rendererFileFor(rendererDir, 'not a url')).toBeNull();
  });
});

describe('the scheme registration', () => {
  it('is standard and secure, with no CSP bypass or service workers, and handled by the renderer handler', async () => {
    const registered: unknown[] = [];
    const handled: [string, (r: Request) => Promise<Response>][] = [];
    const protocol = {
      registerSchemesAsPrivileged: (schemes: unknown[]) => registered.push(...schemes),
      handle: (scheme: string, h: (r: Request) => Promise<Response>) => handled.push([scheme, h]),
    };
    registerRendererScheme(protocol as unknown as Protocol);
    expect(registered).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);
    serveRenderer(protocol as unknown as Protocol, rendererDir, CONTENT_SECURITY_POLICY);
    expect(handled.map(([scheme]) => scheme)).toEqual(['app']);
    expect((await handled[0][1](new Request(RENDERER_URL))).status).toBe(200);
  });
});
