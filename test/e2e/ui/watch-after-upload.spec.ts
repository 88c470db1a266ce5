/**
 * Watched folders in the app with "After upload": a destination inside the watched folder is refused with the
 * engine's sentence; one outside is kept with the watch, shown on its row, and a photo copied into the folder is
 * uploaded and then moved there (gone from the watched folder, the same bytes at the destination).
 */
import { expect, test } from '@playwright/test';
import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

test('a watched folder whose photos are moved to a folder once verified in the album', async ({ page }) => {
  const watched = tempDir('pixdrop-e2e-card-');
  const archive = path.join(tempDir('pixdrop-e2e-archive-'), 'From card');
  await page.goto(serve.url);
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Watched folders', exact: true }).click();
  await page.getByLabel('Folder to watch').fill(watched);
  await page.getByLabel('After upload').selectOption('move');
  await page.getByLabel('Move to folder').fill(path.join(watched, 'done'));
  await page.getByRole('button', { name: 'Watch folder' }).click();
  await expect(page.getByText(/is inside .*Give a folder outside it/)).toBeVisible();
  await expect(page.getByTestId('watch-row')).toHaveCount(0);

  await page.getByLabel('Move to folder').fill(archive);
  await page.getByRole('button', { name: 'Watch folder' }).click();
  const row = page.getByTestId('watch-row').filter({ hasText: watched });
  await expect(row.getByTestId('watch-state')).toHaveText('Watching', { timeout: 20_000 });
  await expect(row.getByTestId('watch-after-upload-shown')).toHaveText(`(then moved to ${archive} once verified in the album)`);

  const photo = path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg');
  copyFileSync(photo, path.join(watched, 'IMG_0001.JPG'));
  const moved = path.join(archive, 'IMG_0001.JPG');
  await expect.poll(() => existsSync(moved) && !existsSync(path.join(watched, 'IMG_0001.JPG')), { timeout: 60_000 }).toBe(true);
  expect(readFileSync(moved).equals(readFileSync(photo))).toBe(true);
});
