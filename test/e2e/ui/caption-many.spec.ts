/**
 * Select many and caption them at once: Shift-click selects a range of photos in an album, one
 * title goes to every one of them, and the album backend has it (read back after a reload).
 */
import { expect, test } from '@playwright/test';
import { addFolderByPath, nav, shootFolder, waitForOverall } from './support/actions';
import { captureAndScan } from './support/screens';
import { startServe, type ServeProcess } from './support/serve';

const PHOTOS = ['apple-iphone-4.jpg', 'google-pixel.jpg', 'nikon-e950.jpg', 'olympus-pen-e-p3.jpg', 'ricoh-rdc-5300.jpg', 'hasselblad-l1d-20c.jpg'];
const TITLE = 'Harbour at dawn';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

test('select five photos with Shift-click and caption them at once; the backend keeps it', async ({ page }) => {
  await page.goto(serve.url);
  await addFolderByPath(page, shootFolder('Harbour', PHOTOS));
  await waitForOverall(page, 100);
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: /^Open album Harbour/ }).click();
  const boxes = page.getByTestId('album-image').getByRole('checkbox');
  await expect(boxes).toHaveCount(PHOTOS.length, { timeout: 30_000 });

  await boxes.nth(0).click();
  await boxes.nth(4).click({ modifiers: ['Shift'] });
  await expect(page.getByTestId('selection-count')).toHaveText('5 photos selected');
  const form = page.getByTestId('caption-form');
  await form.getByLabel('Title').fill(TITLE);
  await captureAndScan(page, 'caption-many');
  await form.getByRole('button', { name: 'Caption 5 photos' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: '5 photos captioned.' })).toBeVisible();
  await expect(form).toHaveCount(0);

  // Read back from the album backend.
  await page.reload();
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: /^Open album Harbour/ }).click();
  await expect(page.getByTestId('album-image')).toHaveCount(PHOTOS.length);
  await expect(page.getByTestId('image-title').filter({ hasText: TITLE })).toHaveCount(5);
});
