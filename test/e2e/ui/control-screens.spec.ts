/**
 * The screens that cancel, limit and diagnose, at 1280×800 in both themes, kept for people to look at
 * (artifacts/screenshots/control-*) and scanned with axe-core: the queue mid-upload with its Cancel
 * controls, the "Cancel all" confirmation, a watched folder with uploads to cancel, and Settings with a
 * wrong upload limit and the diagnostics shown.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { addFolderByPath, nav, shootFolder } from './support/actions';
import { captureAndScan } from './support/screens';
import { fixturesDir, startServe, type ServeProcess } from './support/serve';

const THEMES = ['light', 'dark'] as const;

let serve: ServeProcess;

test.beforeAll(async () => {
  // Slow enough that every file is still under way while the screens are taken.
  serve = await startServe({ env: { PIXDROP_BWLIMIT: '20k', PIXDROP_CONCURRENCY: '1' } });
});

test.afterAll(async () => {
  await serve?.stop();
});

async function bothThemes(page: Page, name: string) {
  for (const theme of THEMES) {
    await page.emulateMedia({ colorScheme: theme });
    await captureAndScan(page, `control-${name}-1280x800-${theme}`);
  }
}

test('cancel, upload limit and diagnostics screens, light and dark', async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(serve.url);
  await addFolderByPath(page, shootFolder('Wedding', ['canon-eos-1300d.jpg', 'pentax-ist-d.jpg', 'sony-dslr-a200.jpg']));
  await expect(page.locator('[data-testid="job-row"][data-status="uploading"]')).toHaveCount(1, { timeout: 30_000 });
  await bothThemes(page, 'queue');

  await page.getByRole('button', { name: 'Cancel all', exact: true }).click();
  await expect(page.getByTestId('cancel-confirm')).toBeVisible();
  await bothThemes(page, 'cancel-all-dialog');
  await page.getByRole('button', { name: 'Keep uploading' }).click();

  const card = shootFolder('Card', []);
  await nav(page, 'Watched folders').click();
  await page.getByLabel('Folder to watch').fill(card);
  await page.getByRole('button', { name: 'Watch folder' }).click();
  copyFileSync(path.join(fixturesDir, 'cameras', 'leica-t-typ-701.jpg'), path.join(card, 'leica-t-typ-701.jpg'));
  await expect(page.getByTestId('watch-cancel')).toBeEnabled({ timeout: 30_000 });
  await bothThemes(page, 'watched');

  await nav(page, 'Settings').click();
  await page.getByLabel('Upload bandwidth').fill('08:00,1M 25:00,off');
  await expect(page.getByTestId('bandwidth-error')).toBeVisible();
  await page.getByRole('button', { name: 'Run diagnostics' }).click();
  await expect(page.getByTestId('diagnostics-text')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('bandwidth-form').scrollIntoViewIfNeeded();
  await bothThemes(page, 'settings');
  await page.getByTestId('diagnostics-text').scrollIntoViewIfNeeded();
  await bothThemes(page, 'settings-diagnostics');
});
