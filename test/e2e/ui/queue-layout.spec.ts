/**
 * The queue reads as it works, at 1280×800: a button that does nothing now looks disabled (not like the
 * blue one that does), a camera's file name is read whole on its tile beside the tick box and buttons,
 * the list's progress column starts at the same x whatever buttons a row has, and files left out are
 * announced above the fold. Uploads are slowed so files in different states share the screen.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { addFolderByPath } from './support/actions';
import { captureAndScan } from './support/screens';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

/** Typical camera names, each on a copy of a real photo (~4.7 MB in all: ~16 s at 300 KB/s, one at a time). */
const CAMERA_NAMES: Record<string, string> = {
  'DSC_0042.JPG': 'canon-eos-1300d.jpg',
  'IMG_20240612_183455.jpg': 'pentax-ist-d.jpg',
  'P1000123.JPG': 'fujifilm-finepix-s5500.jpg',
  'DSCF0815.JPG': 'kodak-dx6490.jpg',
};

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe({ env: { PIXDROP_BWLIMIT: String(300_000), PIXDROP_CONCURRENCY: '1' } });
});

test.afterAll(async () => {
  await serve?.stop();
});

function folder(name: string, files: Record<string, string | null>): string {
  const dir = path.join(tempDir('pixdrop-e2e-layout-'), name);
  mkdirSync(dir);
  for (const [file, source] of Object.entries(files)) {
    if (source === null) writeFileSync(path.join(dir, file), '<gpx/>');
    else copyFileSync(path.join(fixturesDir, source), path.join(dir, file));
  }
  return dir;
}

/** What tells a person a button is live: its fill, its text colour, its opacity. */
function looks(button: Locator) {
  return button.evaluate((element) => {
    const style = getComputedStyle(element);
    return { background: style.backgroundColor, color: style.color, opacity: style.opacity, cursor: style.cursor };
  });
}

/** WCAG contrast of two computed `rgb(…)` colours. */
function contrast(a: string, b: string): number {
  const luminance = (rgb: string) => {
    const [r, g, bl] = (rgb.match(/\d+(\.\d+)?/g) ?? []).slice(0, 3).map((v) => {
      const c = Number(v) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    });
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * bl!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

async function setView(page: Page, view: 'grid' | 'list') {
  await page.getByTestId(`view-${view}`).click();
  await expect(page.getByTestId('job-list')).toHaveAttribute('data-view', view);
}

test('disabled looks disabled, names are read whole, rows align, files left out show above the fold', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(serve.url);
  const shoot = Object.fromEntries(Object.entries(CAMERA_NAMES).map(([name, source]) => [name, `cameras/${source}`]));
  await addFolderByPath(page, folder('Harbour', shoot));
  await expect(page.locator('[data-testid="job-row"][data-status="uploading"]')).toHaveCount(1);

  // Nothing has failed: "Retry all failed" is a primary button that does nothing now.
  const retryAll = page.getByRole('button', { name: 'Retry all failed' });
  await expect(retryAll).toBeDisabled();
  const disabled = await looks(retryAll);

  await addFolderByPath(page, folder('Broken', { 'MADE-empty-0-bytes.jpg': 'broken/MADE-empty-0-bytes.jpg', 'route.gpx': null }));
  await expect(page.locator('[data-testid="job-row"][data-status="failed"]')).toHaveCount(1);
  await expect(retryAll).toBeEnabled();
  const enabled = await looks(retryAll);
  expect(disabled.background, 'a disabled primary button is not filled like an enabled one').not.toBe(enabled.background);
  expect(disabled.color).not.toBe(enabled.color);
  expect(disabled.cursor).toBe('not-allowed');
  expect(contrast(disabled.color, disabled.background), 'its label is still readable').toBeGreaterThanOrEqual(4.5);

  // Files left out are announced in the queue's header, on screen without scrolling, and open the list.
  const chip = page.getByTestId('ignored-chip');
  await expect(chip).toHaveText('1 file not uploaded');
  await expect(chip).toBeInViewport();
  await chip.click();
  await expect(page.getByTestId('ignored-file').filter({ hasText: 'route.gpx' })).toBeInViewport();
  await page.getByTestId('job-list').scrollIntoViewIfNeeded();

  // Grid: each camera name whole on its tile, which also shows a tick box and buttons.
  await setView(page, 'grid');
  for (const name of ['DSC_0042.JPG', 'IMG_20240612_183455.jpg']) {
    const tile = page.locator(`[data-testid="job-row"][data-filename="${name}"]`);
    await expect(tile.getByTestId('job-select')).toBeVisible();
    const fit = await tile.getByTestId('job-name').evaluate((element) => ({ scroll: element.scrollWidth, client: element.clientWidth }));
    expect(fit.scroll, `${name} is not cut short on its tile`).toBeLessThanOrEqual(fit.client);
  }
  await captureAndScan(page, 'layout-queue-grid-1280-light');

  // List: rows with different buttons (Pause + Cancel, Cancel, Retry + Cancel) start their progress at one x.
  await setView(page, 'list');
  const rows = page.getByTestId('job-row');
  await expect(rows).toHaveCount(5);
  const layout = await rows.evaluateAll((elements) =>
    elements.map((row) => ({
      buttons: row.querySelectorAll('.job-actions button').length,
      x: row.querySelector('[data-testid="job-progress"]')!.getBoundingClientRect().left,
    })),
  );
  expect(new Set(layout.map((row) => row.buttons)).size, 'rows with different buttons are on screen').toBeGreaterThan(1);
  const xs = layout.map((row) => Math.round(row.x));
  expect(new Set(xs), `progress column x per row: ${xs.join(', ')}`).toEqual(new Set([xs[0]]));
  await captureAndScan(page, 'layout-queue-list-1280-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await captureAndScan(page, 'layout-queue-list-1280-dark');
  await setView(page, 'grid');
  await captureAndScan(page, 'layout-queue-grid-1280-dark');
});
