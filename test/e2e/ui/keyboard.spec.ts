/**
 * The window by keyboard, and grid or list: arrow keys move one focus through the queue's tiles
 * and rows and the album's photos (one tab stop), Enter opens the photo, Space and Shift+arrows
 * select, Ctrl+A selects all; the shortcuts do what their tooltips and the help say; the grid/list
 * choice is kept per screen across a reload.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { addFolderByPath, nav, shootFolder, waitForOverall } from './support/actions';
import { fixturesDir, startServe, type ServeProcess } from './support/serve';

const PHOTOS = ['apple-iphone-4.jpg', 'google-pixel.jpg', 'nikon-e950.jpg', 'olympus-pen-e-p3.jpg', 'ricoh-rdc-5300.jpg', 'hasselblad-l1d-20c.jpg'];
const BROKEN = 'MADE-empty-0-bytes.jpg';
const ALBUM = 'Keys';

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

/** The data-index of the element that has the focus (null: not a grid/list item). */
const focusedIndex = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index ?? null);

test('arrow keys, Enter, Space, Shift and Ctrl+A in grid and list; shortcuts; the view is remembered', async ({ page }) => {
  test.setTimeout(180_000);
  const folder = shootFolder(ALBUM, PHOTOS);
  copyFileSync(path.join(fixturesDir, 'broken', BROKEN), path.join(folder, BROKEN));
  await page.goto(serve.url);
  await addFolderByPath(page, folder);
  await waitForOverall(page, 100);
  const list = page.getByTestId('job-list');
  await expect(list.getByTestId('job-row')).toHaveCount(PHOTOS.length + 1);

  // Queue, grid (the default): one tab stop; arrows, Home/End move it; Enter opens that photo.
  await expect(list).toHaveAttribute('data-view', 'grid');
  await expect(list.locator('[data-index][tabindex="0"]')).toHaveCount(1);
  await list.locator('[data-index="0"]').focus();
  await page.keyboard.press('ArrowRight');
  expect(await focusedIndex(page)).toBe('1');
  await page.keyboard.press('End');
  expect(await focusedIndex(page)).toBe(String(PHOTOS.length));
  await page.keyboard.press('Home');
  expect(await focusedIndex(page)).toBe('0');
  await expect(list.locator('[data-index="0"]')).toHaveAttribute('tabindex', '0');
  await page.keyboard.press('ArrowRight');
  const second = await list.getByTestId('job-row').nth(1).getAttribute('data-filename');
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: second! });
  await expect(panel).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  // List: rows, Down moves, Right does not; the choice survives a reload.
  await page.getByTestId('view-list').click();
  await expect(list).toHaveAttribute('data-view', 'list');
  await list.locator('[data-index="0"]').focus();
  await page.keyboard.press('ArrowDown');
  expect(await focusedIndex(page)).toBe('1');
  await page.keyboard.press('ArrowRight');
  expect(await focusedIndex(page)).toBe('1');
  await page.reload();
  await expect(page.getByTestId('job-list')).toHaveAttribute('data-view', 'list');

  // Shortcuts: as the tooltips say. R retries the failed file, ? shows the list, Ctrl+O opens the chooser.
  const retry = page.getByRole('button', { name: 'Retry all failed' });
  await expect(retry).toHaveAttribute('title', 'Retry all failed (R)');
  await expect(page.getByRole('button', { name: 'Pause all' })).toHaveAttribute('aria-keyshortcuts', 'P');
  // The empty file is retried a few times before it counts as failed.
  await expect(retry).toBeEnabled({ timeout: 60_000 });
  await page.locator('body').press('r');
  await expect(page.getByTestId('notice').filter({ hasText: 'Failed files put back in the queue.' })).toBeVisible();
  await page.locator('body').press('?');
  const help = page.getByTestId('shortcuts-help');
  await expect(help).toBeVisible();
  await expect(help.getByText('Ctrl+O')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(help).toBeHidden();
  await page.locator('body').press('Control+o');
  await expect(page.getByTestId('folder-chooser')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('folder-chooser')).toBeHidden();

  // Album, grid (its own choice): Space selects, Shift+arrow extends, Ctrl+A selects all, Enter opens.
  await nav(page, 'Albums').click();
  await page.getByRole('button', { name: new RegExp(`^Open album ${ALBUM}`) }).click();
  const images = page.getByTestId('album-images');
  await expect(images.getByTestId('album-image')).toHaveCount(PHOTOS.length, { timeout: 30_000 });
  await expect(images).toHaveAttribute('data-view', 'grid');
  await images.locator('[data-index="0"]').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('selection-count')).toHaveText('1 photo selected');
  await page.keyboard.press('Shift+ArrowRight');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('selection-count')).toHaveText('3 photos selected');
  expect(await focusedIndex(page)).toBe('2');
  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText(`${PHOTOS.length} photos selected`);
  await images.locator('[data-index="2"]').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('photo-panel')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('view-list').click();
  await expect(images).toHaveAttribute('data-view', 'list');
  await images.locator('[data-index="0"]').focus();
  await page.keyboard.press('ArrowDown');
  expect(await focusedIndex(page)).toBe('1');
  await page.getByTestId('view-grid').click();
  await page.reload();
  await expect(page.getByTestId('job-list')).toHaveAttribute('data-view', 'list');
});
