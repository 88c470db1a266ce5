/**
 * `pixdrop serve --open` in a real browser: the browser is started with a one-time launch link
 * (never the session token), the link opens the working app once, and no request the page makes
 * — calls, the event stream — carries the token in its URL.
 */
import { expect, test } from '@playwright/test';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { startServe, tempDir, type ServeProcess } from './support/serve';

let serve: ServeProcess;
let launchUrl: string;

test.beforeAll(async () => {
  // Stands in for xdg-open/open: records the command line the browser would get.
  const bin = tempDir('pixdrop-e2e-opener-');
  const argvFile = path.join(bin, 'argv.txt');
  for (const name of ['xdg-open', 'open']) {
    writeFileSync(path.join(bin, name), `#!/bin/sh\nprintf '%s\\n' "$@" > '${argvFile}'\n`);
    chmodSync(path.join(bin, name), 0o755);
  }
  serve = await startServe({ args: ['--open'], env: { PATH: `${bin}:${process.env.PATH}` } });
  await expect.poll(() => existsSync(argvFile) && readFileSync(argvFile, 'utf8').endsWith('\n'), { timeout: 15_000 }).toBe(true);
  launchUrl = readFileSync(argvFile, 'utf8').trim();
});

test.afterAll(async () => {
  await serve?.stop();
});

test('the launch link opens the app once, and the token never appears in a URL', async ({ page }) => {
  const token = new URLSearchParams(new URL(serve.url).hash.slice(1)).get('token')!;
  expect(launchUrl, 'the browser command line').not.toContain(token);
  expect(launchUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/launch\/[\w-]+$/);

  const urls: string[] = [];
  page.on('request', (request) => urls.push(request.url()));
  page.on('websocket', (socket) => urls.push(socket.url()));
  const frames: string[] = [];
  page.on('websocket', (socket) => socket.on('framereceived', (frame) => frames.push(String(frame.payload))));

  await page.goto(launchUrl);
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  expect(new URL(page.url()).hash, 'the token is removed from the address bar').toBe('');
  // The event stream is up (the token went in its handshake): a new album streams albumsChanged.
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Albums', exact: true }).click();
  await page.getByLabel('New album').fill('Launched');
  await page.getByRole('button', { name: 'Create album' }).click();
  await expect.poll(() => frames.some((frame) => frame.includes('albumsChanged'))).toBe(true);
  expect(urls.some((url) => url.startsWith('ws://') && url.endsWith('/events'))).toBe(true);
  expect(
    urls.filter((url) => url.includes(token)),
    'requests with the token in their URL',
  ).toEqual([]);

  const again = await page.goto(launchUrl);
  expect(again?.status()).toBe(410);
  await expect(page.getByText('already used or has expired')).toBeVisible();
});
