/**
 * Every screen (queue and album as grid and as list, the caption form, the shortcuts help) at 1280×800 and 1920×1080, light and dark, kept as screenshots for people to look at
 * (artifacts/screenshots/) and scanned with axe-core in each theme.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { nav, startFromAddDialog, waitForOverall } from './support/actions';
import { captureAndScan, expectNoFindingsIn } from './support/screens';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

const VARIANTS = [
  { size: '1280x800', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { size: '1280x800', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  { size: '1920x1080', viewport: { width: 1920, height: 1080 }, colorScheme: 'light' },
  { size: '1920x1080', viewport: { width: 1920, height: 1080 }, colorScheme: 'dark' },
] as const;

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

async function everyVariant(page: Page, name: string, before?: () => Promise<void>) {
  for (const variant of VARIANTS) {
    await page.setViewportSize(variant.viewport);
    await page.emulateMedia({ colorScheme: variant.colorScheme });
    if (before) await before();
    await captureAndScan(page, `screen-${name}-${variant.size}-${variant.colorScheme}`);
  }
}

test('every screen, two sizes, two themes', async ({ page }) => {
  test.setTimeout(600_000);
  const shoot = path.join(tempDir('pixdrop-e2e-screens-'), 'Autumn walk');
  mkdirSync(shoot);
  for (const photo of ['canon-eos-1300d.jpg', 'pentax-ist-d.jpg', 'sony-dslr-a200.jpg', 'google-pixel.jpg'])
    copyFileSync(path.join(fixturesDir, 'cameras', photo), path.join(shoot, photo));
  copyFileSync(path.join(fixturesDir, 'broken', 'MADE-empty-0-bytes.jpg'), path.join(shoot, 'MADE-empty-0-bytes.jpg'));

  await page.goto(serve.url);
  await expect(page.getByTestId('welcome')).toBeVisible();
  await everyVariant(page, 'welcome');

  await page.getByRole('button', { name: 'Browse…' }).click();
  await page.getByTestId('folder-chooser').getByLabel('Folder', { exact: true }).fill(path.dirname(shoot));
  await page.getByTestId('folder-chooser').getByRole('button', { name: 'Go' }).click();
  await expect(page.getByTestId('folder-list').getByRole('button')).toHaveCount(1);
  await everyVariant(page, 'chooser');
  await page.getByRole('button', { name: 'Open folder Autumn walk' }).click();
  await page.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(page.getByTestId('target-album')).toBeVisible();
  await everyVariant(page, 'add-dialog');
  await startFromAddDialog(page);
  await waitForOverall(page, 100);
  await everyVariant(page, 'queue');
  await page.getByTestId('view-list').click();
  await expect(page.getByTestId('job-list')).toHaveAttribute('data-view', 'list');
  await everyVariant(page, 'queue-list');
  await page.getByTestId('view-grid').click();
  await page.getByTestId('shortcuts-button').click();
  await expect(page.getByTestId('shortcuts-help')).toBeVisible();
  await everyVariant(page, 'shortcuts');
  await expectNoFindingsIn(page, '[data-testid="shortcuts-help"]', 'the shortcuts help');
  await page.keyboard.press('Escape');

  await nav(page, 'Albums').click();
  await expect(page.getByTestId('album-card')).not.toHaveCount(0);
  await everyVariant(page, 'albums');
  await page.getByRole('button', { name: /^Open album Autumn walk/ }).click();
  await expect(page.getByTestId('album-thumbnail')).toHaveCount(4);
  await everyVariant(page, 'album');
  await page.getByRole('checkbox', { name: 'Select google-pixel.jpg' }).click();
  await page.getByRole('checkbox', { name: 'Select pentax-ist-d.jpg' }).click();
  await expect(page.getByTestId('caption-form')).toBeVisible();
  await everyVariant(page, 'album-caption');
  await page.getByRole('button', { name: 'Clear selection' }).click();
  await page.getByTestId('view-list').click();
  await expect(page.getByTestId('album-images')).toHaveAttribute('data-view', 'list');
  await everyVariant(page, 'album-list');
  await page.getByTestId('view-grid').click();
  await page.getByRole('button', { name: 'Open photo canon-eos-1300d.jpg' }).click();
  await expect(page.getByTestId('photo-preview')).toBeVisible();
  await everyVariant(page, 'photo');
  await page.keyboard.press('Escape');

  await nav(page, 'Watched folders').click();
  await everyVariant(page, 'watch');
  await nav(page, 'Settings').click();
  await expect(page.getByTestId('connect-help')).toBeVisible();
  await everyVariant(page, 'settings');
});
