/**
 * What a photographer sees when the queue is paused or the network misbehaves, in the browser UI of
 * `pixdrop serve` pointed at a real local stack (our Cloudinary-compatible server and album backend)
 * that the test pauses, stops, restarts, rate-limits and makes refuse the token, and a title edited
 * while the servers are gone. After each scene, every photo is in its album exactly once and stored once.
 */
import Database from 'better-sqlite3';
import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { exactlyOnceReport, makePhotos, smallBatch, startSurvivalStack, type Photo, type SurvivalStack } from '../../integration/survival/harness';
import { captureAndScan } from './support/screens';
import { startServe, type ServeProcess } from './support/serve';

const ALBUM = 'Hotel wifi';
const OFFLINE_TITLE = 'Written on the train';

let stack: SurvivalStack;
let serve: ServeProcess;
let dataDir: string;
const sent: Photo[] = [];

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  stack = await startSurvivalStack();
  dataDir = path.join(stack.dir, 'ui');
  serve = await startServe({ dataDir, env: stack.envFor('ui') });
});

test.afterAll(async () => {
  await serve?.stop();
  await stack?.close();
});

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
}

/** Jobs whose photo has been read (hashed) and that wait for an upload slot. */
function readAndWaiting(): number {
  const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT COUNT(*) AS n FROM jobs WHERE status = 'queued' AND sha1 IS NOT NULL`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

async function addFolder(page: Page, name: string, count: number, seed: number, batch = smallBatch(count)): Promise<Photo[]> {
  const photos = makePhotos(path.join(stack.dir, 'photos', name), batch, seed);
  await nav(page, 'Queue').click();
  await page.getByLabel('Folder path').fill(path.dirname(photos[0]!.path));
  await page.getByRole('button', { name: 'Add folder', exact: true }).click();
  await page.getByTestId('add-confirm').getByRole('button', { name: 'Start upload' }).click();
  sent.push(...photos);
  return photos;
}

async function expectEverythingOnce(page: Page) {
  await expect(page.getByTestId('queue-counts')).toContainText(`${sent.length} uploaded`, { timeout: 60_000 });
  const report = exactlyOnceReport(stack, sent);
  expect(report.perPhoto.map((p) => [p.records, p.assets, p.storedSha1 === p.photo.sha1])).toEqual(sent.map(() => [1, 1, true]));
}

test('Pause all holds new photos back; Resume all sends each of them once', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('demo-banner')).toHaveCount(0);
  await nav(page, 'Albums').click();
  await page.getByLabel('New album').fill(ALBUM);
  await page.getByRole('button', { name: 'Create album' }).click();
  await expect(page.getByLabel('Upload to').locator('option:checked')).toHaveText(ALBUM);

  // Pause all is offered only when something would start: a photo waits while the servers are away.
  await nav(page, 'Queue').click();
  await expect(page.getByTestId('queue-counts')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Pause all' }), 'not offered on an empty queue').toHaveCount(0);
  await stack.stop();
  await addFolder(page, 'Before pause', 1, 690, [{ name: 'DSC_0001.jpg', size: 250_000 }]);
  await expect(page.getByRole('button', { name: 'Pause all' })).toBeEnabled();
  await page.getByRole('button', { name: 'Pause all' }).click();
  await expect(page.getByTestId('notices')).toContainText('Queue paused.');
  await addFolder(page, 'Paused', 4, 700);
  // The new photos are read (local work goes on), then wait: nothing reaches Cloudinary while paused, servers back or not.
  await expect.poll(readAndWaiting, { timeout: 30_000 }).toBe(4);
  await stack.restart();
  await expect(page.getByTestId('offline-banner')).toHaveCount(0, { timeout: 30_000 });
  await page.waitForTimeout(1500);
  expect(stack.cloudinary.stats().uploadRequests).toBe(0);
  await expect(page.getByTestId('queue-counts')).toContainText('0 uploaded');
  await expect(page.getByTestId('overall')).toContainText('paused');
  await captureAndScan(page, '11-queue-paused');

  await page.getByRole('button', { name: 'Resume all' }).click();
  await expectEverythingOnce(page);
});

test('a title and keywords edited while the servers are gone are kept, and reach the album when they are back', async ({ page }) => {
  const photo = path.basename(sent[0]!.path);
  await page.goto(serve.url);
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: new RegExp(`^Open album ${ALBUM}`) }).click();
  await page.getByRole('button', { name: `Open photo ${photo}` }).click();
  const panel = page.getByRole('dialog', { name: photo });
  await stack.stop();
  await panel.getByRole('textbox', { name: 'Title', exact: true }).fill(OFFLINE_TITLE);
  await panel.getByRole('textbox', { name: 'Keywords' }).fill('train, window');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByTestId('edit-state')).toHaveText('Pending: will be sent when the server is reachable.');
  await captureAndScan(page, '12-edit-pending');
  await stack.restart();
  await expect(panel.getByTestId('edit-state')).toHaveText('Saved to the album.', { timeout: 30_000 });
  const record = stack.backend.listImages().find((r) => (r.infos as { public_id?: string } | undefined)?.public_id === `pixdrop/${sent[0]!.sha1}`);
  expect(record?.title).toBe(OFFLINE_TITLE);
  expect(record?.metadatas.keywords).toEqual(['train', 'window']);
});

test('servers gone: the offline banner says nothing is lost; back: it goes and the photos arrive', async ({ page }) => {
  await page.goto(serve.url);
  await stack.stop();
  await addFolder(page, 'Offline', 3, 800);
  await expect(page.getByTestId('offline-banner')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('offline-banner')).toContainText('Nothing is lost');
  await captureAndScan(page, '13-offline');
  await stack.restart();
  await expect(page.getByTestId('offline-banner')).toBeHidden({ timeout: 30_000 });
  await expectEverythingOnce(page);
});

test('rate limited: the banner says when uploads go on; they do, once each', async ({ page }) => {
  await page.goto(serve.url);
  await stack.stop();
  await stack.restart({ cloudinary: { error420: 1, retryAfterSeconds: 4 } });
  await addFolder(page, 'Rate limited', 2, 900);
  await expect(page.getByTestId('rate-limit-banner')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('rate-limit-banner')).toContainText('uploads continue at');
  await captureAndScan(page, '14-rate-limited');
  await stack.stop();
  await stack.restart();
  await expect(page.getByTestId('rate-limit-banner')).toBeHidden({ timeout: 30_000 });
  await expectEverythingOnce(page);
});

test('a refused token: the sign-in banner leads to Settings, a good token lets the photos through', async ({ page }) => {
  await page.goto(serve.url);
  await nav(page, 'Settings').click();
  await page.getByLabel('Backend token').fill('not-a-valid-token');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();

  await addFolder(page, 'Refused', 2, 1000);
  const banner = page.getByTestId('auth-banner');
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await expect(page.getByTestId('queue-counts')).toContainText('0 failed');
  await captureAndScan(page, '15-sign-in-needed');
  await banner.getByRole('button', { name: 'Open Settings' }).click();
  await page.getByLabel('Backend token').fill(stack.token);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await expect(banner).toBeHidden({ timeout: 30_000 });
  await nav(page, 'Queue').click();
  await expectEverythingOnce(page);
});
