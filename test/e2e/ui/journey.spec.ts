/**
 * A photographer's first session in `pixdrop serve` (demo mode), end to end, with no reload:
 * add a folder → the photos themselves show in the queue while it uploads, with progress over each →
 * the album appears on the Albums screen with its cover and count → open a photo, read its camera,
 * edit its title and keywords → select five photos and caption them at once → the album backend
 * holds all of it (asked over its own HTTP API) → the window in German and back in English.
 */
import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { addFolderByPath, nav, shootFolder, waitForOverall } from './support/actions';
import { demoBackend } from './support/demo-backend';
import { captureAndScan } from './support/screens';
import { fixturesDir, startServe, type ServeProcess } from './support/serve';

/** Six real photos with embedded previews and camera models (~3.7 MB: several seconds at 500 KB/s). */
const PHOTOS = ['olympus-pen-e-p3.jpg', 'kodak-dx6490.jpg', 'fujifilm-finepix-s5500.jpg', 'pentax-ist-d.jpg', 'nikon-e950.jpg', 'ricoh-rdc-5300.jpg'];
const OPENED = 'olympus-pen-e-p3.jpg';
const ALBUM = 'Harbour walk';
const expected = JSON.parse(readFileSync(path.join(fixturesDir, 'expected.json'), 'utf8')) as { files: Record<string, { Model?: string | null }> };

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe({ env: { PIXDROP_BWLIMIT: '500000', PIXDROP_CONCURRENCY: '1' } });
});

test.afterAll(async () => {
  await serve?.stop();
});

test('add a folder, watch it upload, edit, caption five, and find it all in the backend', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(serve.url);
  await addFolderByPath(page, shootFolder(ALBUM, PHOTOS));

  // While it uploads: tiles with the photo's own picture, and the bar over the tile that is sending.
  const list = page.getByTestId('job-list');
  await expect(list).toHaveAttribute('data-view', 'grid');
  const notDone = page.getByTestId('job-row').and(page.locator(':not([data-status="done"])'));
  await expect
    .poll(
      () =>
        notDone.locator('img[data-testid="job-thumbnail"]').evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length),
      { timeout: 20_000, message: 'a photo not yet uploaded shows its picture' },
    )
    .toBeGreaterThan(0);
  const sending = page.getByTestId('job-row').and(page.locator('[data-status="uploading"]'));
  await expect(sending.first().getByRole('progressbar')).toBeVisible({ timeout: 20_000 });
  await captureAndScan(page, 'journey-queue-uploading');

  // The Albums screen follows the upload: the card appears and counts up to six with a cover, no reload.
  await nav(page, 'Albums').click();
  const card = page.getByTestId('album-card').filter({ hasText: ALBUM });
  await expect(card.getByTestId('album-count')).toContainText('6 photos', { timeout: 60_000 });
  await expect.poll(() => card.locator('img.album-cover').evaluate((img) => (img as HTMLImageElement).naturalWidth), { timeout: 15_000 }).toBeGreaterThan(0);
  await nav(page, 'Queue').click();
  await waitForOverall(page, 100);

  // The album view shows Cloudinary's small renditions (a c_fill delivery URL; demo uploads are
  // authenticated, so it is the one the backend gave), all loaded.
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: new RegExp(`^Open album ${ALBUM}`) }).click();
  const thumbnails = page.getByTestId('album-thumbnail');
  await expect(thumbnails).toHaveCount(PHOTOS.length, { timeout: 30_000 });
  await expect(thumbnails.first()).toHaveAttribute('src', /\/image\/(upload|authenticated)\/c_fill,[^/]*w_\d+[^/]*\/v\d+\//);
  await expect
    .poll(() => thumbnails.evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length), { timeout: 30_000 })
    .toBe(PHOTOS.length);

  // One photo: its camera as exiftool reads it; a new title and keywords, saved to the album.
  await page.getByRole('button', { name: `Open photo ${OPENED}` }).click();
  const panel = page.getByRole('dialog', { name: OPENED });
  await expect(panel.getByTestId('meta-camera_model')).toHaveText(expected.files[`cameras/${OPENED}`]!.Model!);
  await panel.getByRole('textbox', { name: 'Title', exact: true }).fill('Boats at first light');
  await panel.getByRole('textbox', { name: 'Keywords' }).fill('boats, harbour, morning');
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByTestId('edit-state')).toHaveText('Saved to the album.');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // The other five, ticked one by one, captioned at once.
  const others = PHOTOS.filter((photo) => photo !== OPENED);
  for (const photo of others) await page.getByRole('checkbox', { name: `Select ${photo}` }).click();
  await expect(page.getByTestId('selection-count')).toHaveText('5 photos selected');
  const form = page.getByTestId('caption-form');
  await form.getByLabel('Title').fill('Harbour at dawn');
  await form.getByLabel('Keywords').fill('harbour, dawn');
  await form.getByRole('button', { name: 'Caption 5 photos' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: '5 photos captioned.' })).toBeVisible();
  await expect(page.getByTestId('image-title').filter({ hasText: 'Harbour at dawn' })).toHaveCount(5, { timeout: 15_000 });

  // The backend itself has it all.
  const backend = await demoBackend(serve.dataDir);
  const album = (await backend.albums()).find((candidate) => candidate.name === ALBUM);
  expect(album, `album ${ALBUM} on the backend`).toBeTruthy();
  expect(album!.images_count).toBe(PHOTOS.length);
  expect(album!.cover_url).toBeTruthy();
  const images = await backend.images(album!.id);
  expect(images.map((image) => image.filename).sort()).toEqual([...PHOTOS].sort());
  const opened = images.find((image) => image.filename === OPENED)!;
  expect(opened.title).toBe('Boats at first light');
  expect(opened.metadatas.keywords).toEqual(['boats', 'harbour', 'morning']);
  for (const image of images.filter((candidate) => candidate.filename !== OPENED)) {
    expect(image.title, image.filename ?? '').toBe('Harbour at dawn');
    expect(image.metadatas.keywords, image.filename ?? '').toEqual(['harbour', 'dawn']);
  }

  // Their language, and back.
  await nav(page, 'Settings').click();
  await page.getByLabel('Language').selectOption('de');
  await expect(page.getByRole('navigation').getByRole('button', { name: 'Warteschlange' })).toBeVisible();
  await page.getByRole('navigation').getByRole('button', { name: 'Alben' }).click();
  await expect(page.getByTestId('album-card').filter({ hasText: ALBUM }).getByTestId('album-count')).toContainText('6 Fotos');
  await page.getByRole('navigation').getByRole('button', { name: 'Einstellungen' }).click();
  await page.getByLabel('Sprache').selectOption('en');
  await expect(nav(page, 'Queue')).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
});
