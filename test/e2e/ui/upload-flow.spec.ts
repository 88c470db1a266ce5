/**
 * A photographer's first session in the browser UI of `pixdrop serve` (demo mode): create an album,
 * add a folder of camera photos plus a broken file, watch it upload, browse the album, read a
 * photo's camera, retitle it, and deal with the broken file. Every screen is photographed and
 * scanned with axe-core.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { captureAndScan } from './support/screens';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

const ALBUM = 'Camera test shoot';
const PHOTO = 'canon-eos-1300d.jpg';
const BROKEN = 'MADE-empty-0-bytes.jpg';
const NEW_TITLE = 'Lakeside at dusk';

const expected = JSON.parse(readFileSync(path.join(fixturesDir, 'expected.json'), 'utf8')) as {
  files: Record<string, { Model: string | null }>;
};
const cameraPhotos = readdirSync(path.join(fixturesDir, 'cameras'));

let serve: ServeProcess;
let shootDir: string;

test.describe.configure({ mode: 'serial' });

test.beforeAll(async () => {
  shootDir = path.join(tempDir('pixdrop-e2e-photos-'), 'Shoot');
  mkdirSync(shootDir);
  for (const name of cameraPhotos) copyFileSync(path.join(fixturesDir, 'cameras', name), path.join(shootDir, name));
  copyFileSync(path.join(fixturesDir, 'broken', BROKEN), path.join(shootDir, BROKEN));
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
}

async function openAlbum(page: Page) {
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: new RegExp(`^Open album ${ALBUM}`) }).click();
  await expect(page.getByRole('heading', { level: 2, name: ALBUM })).toBeVisible();
}

test('upload a folder, browse the album, read and retitle a photo, retry a broken file', async ({ page }) => {
  await page.goto(serve.url);
  await expect(page.getByTestId('demo-banner')).toBeVisible();
  expect(new URL(page.url()).hash, 'the token is removed from the address bar').toBe('');
  await captureAndScan(page, '01-queue-empty');

  // Albums: create one; it becomes the target for new photos.
  await nav(page, 'Albums').click();
  await page.getByLabel('New album').fill(ALBUM);
  await page.getByRole('button', { name: 'Create album' }).click();
  await expect(page.getByRole('button', { name: new RegExp(`^Open album ${ALBUM}, 0 photos`) })).toBeVisible();
  await expect(page.getByLabel('Upload to')).toHaveValue(/.+/);
  await expect(page.getByLabel('Upload to').locator('option:checked')).toHaveText(ALBUM);
  await captureAndScan(page, '02-albums');

  // Add the folder by path (a browser has no native folder picker) and watch it upload.
  await nav(page, 'Queue').click();
  await page.getByLabel('Folder path').fill(shootDir);
  await page.getByRole('button', { name: 'Add folder', exact: true }).click();
  const confirm = page.getByTestId('add-confirm');
  await expect(confirm.getByTestId('target-album')).toHaveText(new RegExp(`Shoot → ${ALBUM} \\(existing album, 0 photos\\)`));
  await captureAndScan(page, '02b-add-dialog');
  await confirm.getByRole('button', { name: 'Start upload' }).click();
  const overall = page.getByRole('progressbar', { name: 'Overall upload progress' });
  await expect(overall).toHaveAttribute('aria-valuenow', '100', { timeout: 120_000 });
  await expect(page.getByTestId('queue-counts')).toContainText(`${cameraPhotos.length} uploaded`);
  await expect(page.getByTestId('queue-counts')).toContainText('1 failed');
  await captureAndScan(page, '03-queue-done');

  // The broken file says why in plain words, and Retry puts it back in the queue.
  await page.getByTestId('filter-failed').click();
  const brokenRow = page.getByTestId('job-row').filter({ hasText: BROKEN });
  await expect(brokenRow.getByTestId('job-status')).toHaveText('Failed');
  await expect(brokenRow.getByTestId('error-reason')).toHaveText(/empty/i);
  await captureAndScan(page, '04-queue-failed');
  await brokenRow.getByRole('button', { name: `Retry ${BROKEN}` }).click();
  await expect(page.getByTestId('notices')).toContainText('Put back in the queue.');
  await expect(page.getByTestId('job-row').filter({ hasText: BROKEN }).getByTestId('error-reason')).toHaveText(/empty/i, { timeout: 30_000 });

  // The album shows every uploaded photo with a thumbnail from the backend's records.
  await openAlbum(page);
  const thumbnails = page.getByTestId('album-thumbnail');
  await expect(thumbnails).toHaveCount(cameraPhotos.length, { timeout: 30_000 });
  await expect
    .poll(() => thumbnails.evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length), { timeout: 30_000 })
    .toBe(cameraPhotos.length);
  await captureAndScan(page, '05-album-view');

  // The photo panel reads the camera model as exiftool does, and the title edit reaches the backend.
  await page.getByRole('button', { name: `Open photo ${PHOTO}` }).click();
  const panel = page.getByRole('dialog', { name: PHOTO });
  await expect(panel.getByTestId('meta-camera_model')).toHaveText(expected.files[`cameras/${PHOTO}`].Model!);
  await expect(panel.getByTestId('photo-preview')).toBeVisible();
  await panel.getByRole('textbox', { name: 'Title', exact: true }).fill(NEW_TITLE);
  await panel.getByRole('button', { name: 'Save' }).click();
  await expect(panel.getByTestId('edit-state')).toHaveText('Saved to the album.');
  await captureAndScan(page, '06-photo-panel');
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // After a reload, the album view (read from the backend) shows the new title.
  await page.reload();
  await openAlbum(page);
  await expect(page.getByTestId('image-title').filter({ hasText: NEW_TITLE })).toHaveCount(1);
});

test('watched folders and settings screens', async ({ page }) => {
  const watched = tempDir('pixdrop-e2e-watch-');
  await page.goto(serve.url);
  await nav(page, 'Watched folders').click();
  await page.getByLabel('Folder to watch').fill(watched);
  await page.getByRole('button', { name: 'Watch folder' }).click();
  const row = page.getByTestId('watch-row').filter({ hasText: watched });
  await expect(row.getByTestId('watch-state')).toHaveText('Watching', { timeout: 20_000 });
  // A local folder: watched by file events, and walked through once already (rescans find what events miss).
  await expect(row.getByTestId('watch-rescan')).toHaveText(/^Last looked through at \d{1,2}:\d{2}/);
  await captureAndScan(page, '07-watched-folders');
  await row.getByRole('button', { name: `Stop watching ${watched}` }).click();
  await expect(row).toHaveCount(0);

  await nav(page, 'Settings').click();
  await expect(page.getByLabel('Files uploading at once')).toHaveValue(/\d+/);
  const cloudinary = page.getByLabel('Cloudinary URL');
  await expect(cloudinary).toHaveAttribute('type', 'password');
  await expect(cloudinary).toHaveValue('');
  await page.getByLabel('Files uploading at once').fill('2');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  await captureAndScan(page, '08-settings');

  // The OS dark theme is followed, with the same contrast guarantees.
  await page.emulateMedia({ colorScheme: 'dark' });
  await nav(page, 'Queue').click();
  await expect(page.getByTestId('overall-progress')).toBeVisible();
  await captureAndScan(page, '10-queue-dark');
});
