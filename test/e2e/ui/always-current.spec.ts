/**
 * Every screen follows the engine: nothing a photographer sees stays behind what happened. One
 * test per stale state once seen in `pixdrop serve` (demo mode): an album made by "One album per
 * folder" missing until a reload, the "Looking for photos…" message outliving the scan, Pause all
 * and Resume all enabled when they do nothing, and a speed shown after the last byte.
 */
import { expect, test } from '@playwright/test';
import { addFolderByPath, nav, shootFolder, waitForOverall } from './support/actions';
import { startServe, type ServeProcess } from './support/serve';

const SMALL = ['hasselblad-l1d-20c.jpg', 'ricoh-rdc-5300.jpg', 'nikon-e950.jpg'];
/** ~5.3 MB at 600 KB/s: several seconds of bytes moving, long enough to act while they do. */
const LARGE = ['canon-eos-1300d.jpg', 'leica-t-typ-701.jpg'];
const SLOW = { PIXDROP_BWLIMIT: String(600_000), PIXDROP_CONCURRENCY: '1' };

test.describe('one serve in demo mode', () => {
  let serve: ServeProcess;
  test.beforeAll(async () => {
    serve = await startServe();
  });
  test.afterAll(async () => {
    await serve?.stop();
  });

  test('an album made by "One album per folder" appears with its cover and count, without a reload', async ({ page }) => {
    await page.goto(serve.url);
    await nav(page, 'Albums').click();
    await expect(page.getByText(/No albums yet/)).toBeVisible();

    await expect(page.getByTestId('target-picker').locator('option:checked')).toHaveText('One album per folder');
    await addFolderByPath(page, shootFolder('Lake trip', SMALL));
    await waitForOverall(page, 100);

    await nav(page, 'Albums').click();
    const card = page.getByTestId('album-card').filter({ hasText: 'Lake trip' });
    await expect(card.getByTestId('album-count')).toContainText(`${SMALL.length} photos`);
    await expect.poll(() => card.locator('img.album-cover').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
  });

  test('the "Looking for photos in …" message goes once the scan is done', async ({ page }) => {
    await page.goto(serve.url);
    const dir = shootFolder('Harbour', SMALL);
    await addFolderByPath(page, dir);
    const notices = page.getByTestId('notice');
    await expect(notices.filter({ hasText: `${SMALL.length} photos added to the queue` })).toBeVisible();
    // Resolved by the answer of the scan itself, not by a timer running out later.
    await expect(notices.filter({ hasText: 'Looking for photos' })).toHaveCount(0, { timeout: 2_000 });
  });
});

test.describe('a slow line (bandwidth limit)', () => {
  let serve: ServeProcess;
  test.beforeEach(async () => {
    serve = await startServe({ env: SLOW });
  });
  test.afterEach(async () => {
    await serve?.stop();
  });

  test('Pause all and Resume all are enabled only when they do something', async ({ page }) => {
    await page.goto(serve.url);
    const pause = page.getByRole('button', { name: 'Pause all' });
    const resume = page.getByRole('button', { name: 'Resume all' });
    await expect(page.getByTestId('welcome')).toBeVisible();
    await expect(pause, 'nothing to pause in an empty queue: not offered').toHaveCount(0);
    await expect(resume, 'nothing to resume in an empty queue: not offered').toHaveCount(0);

    await addFolderByPath(page, shootFolder('Mountains', LARGE));
    await expect(pause).toBeEnabled();
    await expect(resume).toBeDisabled();
    await pause.click();
    await expect(resume).toBeEnabled();
    await expect(pause).toBeDisabled();
    await resume.click();
    await expect(pause).toBeEnabled();

    await waitForOverall(page, 100);
    await expect(page.getByTestId('queue-counts')).toContainText(`${LARGE.length} uploaded`);
    await expect(pause, 'nothing to pause once every photo is uploaded').toBeDisabled();
    await expect(resume, 'nothing to resume once every photo is uploaded').toBeDisabled();
  });

  test('speed and time left show only while bytes move', async ({ page }) => {
    await page.goto(serve.url);
    await addFolderByPath(page, shootFolder('Forest', LARGE));
    const text = page.locator('.overall-text');
    await expect(text).toContainText(/\/s/, { timeout: 30_000 });
    await waitForOverall(page, 100);
    await expect(page.getByTestId('queue-counts')).toContainText(`${LARGE.length} uploaded`);
    await expect(text).not.toContainText(/\/s|left/);
  });
});
