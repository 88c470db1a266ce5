/**
 * Photos first, HEIC too: an iPhone HEIC has no JPEG preview inside (its thumbnail is HEVC as well), so the
 * engine decodes one; the tile shows the file type meanwhile, and the picture before any byte is sent.
 * Once uploaded, its album tile shows the JPEG rendition. Screenshots of the queue and the album at
 * 1280×800, light and dark, are kept for people to look at.
 */
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { addFolderByPath, nav, waitForOverall } from './support/actions';
import { captureScreen } from './support/screens';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

let serve: ServeProcess;

test.beforeAll(async () => {
  // 150 KB/s, one at a time: the 2.2 MB HEIC takes ~15 s to send, well after its ~2.5 s decode.
  serve = await startServe({ env: { PIXDROP_BWLIMIT: String(150_000), PIXDROP_CONCURRENCY: '1' } });
});

test.afterAll(async () => {
  await serve?.stop();
});

test('a queued HEIC without an embedded preview shows its picture before it is uploaded', async ({ page }) => {
  test.setTimeout(240_000);
  const shoot = path.join(tempDir('pixdrop-e2e-heic-'), 'Harbour');
  mkdirSync(shoot);
  copyFileSync(path.join(fixturesDir, 'formats/heic/apple-iphone-13-pro-max.HEIC'), path.join(shoot, 'IMG_0412.HEIC'));
  copyFileSync(path.join(fixturesDir, 'cameras/pentax-ist-d.jpg'), path.join(shoot, 'IMGP0413.JPG'));
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(serve.url);
  await addFolderByPath(page, shoot);

  const tile = page.locator('[data-testid="job-row"][data-filename="IMG_0412.HEIC"]');
  await expect(tile).toBeVisible();
  // While it is decoded (~2.5 s for this 12 MP photo) the tile says what it is rather than staying blank.
  await expect(tile.getByTestId('job-placeholder')).toHaveText('HEIC');
  await captureScreen(page, 'queue-heic-decoding-1280x800-light');
  const pictureWidth = () =>
    tile.locator('img[data-testid="job-thumbnail"]').evaluateAll((images) => Math.max(0, ...images.map((img) => (img as HTMLImageElement).naturalWidth)));
  await expect.poll(pictureWidth, { timeout: 20_000, message: 'the HEIC tile shows a picture' }).toBeGreaterThan(0);
  expect(await tile.getAttribute('data-status'), 'shown before the HEIC was uploaded').not.toMatch(/^(done|skipped)$/);
  const size = await tile
    .locator('img[data-testid="job-thumbnail"]')
    .evaluate((img) => ({ w: (img as HTMLImageElement).naturalWidth, h: (img as HTMLImageElement).naturalHeight }));
  expect(size.h / size.w, 'portrait, as the camera turned it').toBeCloseTo(4 / 3, 2);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await captureScreen(page, `queue-heic-1280x800-${colorScheme}`);
  }
  await waitForOverall(page, 100);

  // Uploaded: the album shows Cloudinary's JPEG rendition of it (the demo server decodes it as Cloudinary does).
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: /^Open album Harbour/ }).click();
  const albumPictures = page.getByTestId('album-thumbnail');
  await expect(albumPictures).toHaveCount(2);
  await expect
    .poll(() => albumPictures.evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length), {
      message: 'both album tiles, the HEIC too, show a picture',
    })
    .toBe(2);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await captureScreen(page, `album-heic-1280x800-${colorScheme}`);
  }
});
