/**
 * Photos first: while a folder uploads, each queued photo shows its own picture (the preview
 * embedded in the file, read before any byte is sent), loaded only for the rows on screen.
 */
import { expect, test } from '@playwright/test';
import { addFolderByPath, shootFolder, waitForOverall } from './support/actions';
import { startServe, type ServeProcess } from './support/serve';

/** Photos that carry an embedded EXIF preview (exiftool: ThumbnailLength), ~3 MB at 400 KB/s. */
const WITH_PREVIEW = ['olympus-pen-e-p3.jpg', 'kodak-dx6490.jpg', 'fujifilm-finepix-s5500.jpg', 'pentax-ist-d.jpg'];

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe({ env: { PIXDROP_BWLIMIT: String(400_000), PIXDROP_CONCURRENCY: '1' } });
});

test.afterAll(async () => {
  await serve?.stop();
});

test('queued photos show their picture while they upload', async ({ page }) => {
  await page.goto(serve.url);
  await addFolderByPath(page, shootFolder('Preview walk', WITH_PREVIEW));
  const waiting = page.getByTestId('job-row').and(page.locator('[data-status="queued"], [data-status="uploading"]'));
  await expect(waiting.first()).toBeVisible();
  const shown = (rows: typeof waiting) =>
    rows.locator('img[data-testid="job-thumbnail"]').evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length);
  await expect.poll(() => shown(waiting), { timeout: 15_000, message: 'a photo not yet uploaded shows its preview' }).toBeGreaterThan(0);
  await waitForOverall(page, 100);
  await expect.poll(() => shown(page.getByTestId('job-row'))).toBe(WITH_PREVIEW.length);
});
