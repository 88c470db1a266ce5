/**
 * The whole shoot in the browser UI, against a real `pixdrop serve` in demo mode: a RAW+JPEG pair or a Live Photo
 * is one photo with its badge (queue, album, photo panel), files left out are listed with why as they are found,
 * the add dialog's Preview shows the engine's dry run and sends nothing until Start, and a watched folder keeps
 * its options. Screenshots (1280×800, light and dark) of each changed screen go to artifacts/screenshots.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync, cpSync, mkdirSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { formatBytes } from '../../../src/renderer/lib/format';
import { nav, readableTexts, waitForOverall } from './support/actions';
import { englishOnly, untranslated } from './support/english';
import { captureScreen, expectAccessible } from './support/screens';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

const pairsDir = path.resolve(fixturesDir, '../pairs');

let serve: ServeProcess;

test.beforeEach(async () => {
  serve = await startServe();
});

test.afterEach(async () => {
  await serve?.stop();
});

/** Both themes at 1280×800, and an accessibility scan of the screen as it is. */
async function shots(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await captureScreen(page, `shoot-${name}-1280-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expectAccessible(page, name);
}

/** What the album backend holds, asked through the same API the page uses (session token from the printed URL). */
async function albumsNow(): Promise<{ name: string; images_count: number }[]> {
  const url = new URL(serve.url);
  const token = url.hash.replace('#token=', '');
  const response = await fetch(new URL('api/listAlbums', url.origin + '/'), {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify({ args: [] }),
  });
  const result = (await response.json()) as { ok: boolean; value: { name: string; images_count: number }[] };
  expect(result.ok).toBe(true);
  return result.value;
}

async function openAddDialog(page: Page, dir: string) {
  await nav(page, 'Queue').click();
  await page.getByLabel('Folder path').fill(dir);
  await page.getByRole('button', { name: 'Add folder', exact: true }).click();
  const dialog = page.getByTestId('add-confirm');
  await expect(dialog).toBeVisible();
  return dialog;
}

test('a RAW+JPEG pair and a Live Photo are one photo each, with a RAW or Live badge, in the queue and the album', async ({ page }) => {
  const shoot = path.join(tempDir('pixdrop-e2e-pairs-'), 'Pairs');
  cpSync(pairsDir, shoot, { recursive: true });
  await page.goto(serve.url);
  const dialog = await openAddDialog(page, shoot);
  await dialog.getByRole('button', { name: 'Start upload' }).click();
  await waitForOverall(page, 100);

  const rows = page.getByTestId('job-row');
  await expect(rows).toHaveCount(3);
  const badgeOf = (name: string) => page.locator(`[data-testid="job-row"][data-filename="${name}"]`).getByTestId('pair-badge');
  await expect(badgeOf('DSC_0042.JPG')).toHaveText('RAW');
  await expect(badgeOf('IMG_0001.JPG')).toHaveText('RAW');
  await expect(badgeOf('IMG_4521.HEIC')).toHaveText('Live');
  await shots(page, 'queue-pairs');

  await page
    .locator('[data-testid="job-row"][data-filename="DSC_0042.JPG"]')
    .getByRole('button', { name: /DSC_0042\.JPG/ })
    .click();
  const panel = page.getByTestId('photo-panel');
  await expect(panel.getByTestId('pair-parts')).toContainText('RAW');
  await expect(panel.getByTestId('pair-parts')).toContainText('DSC_0042.NEF');
  await shots(page, 'photo-pair');
  await panel.getByRole('button', { name: 'Close photo' }).click();

  // The album holds one photo per pair: 3, not 5.
  await nav(page, 'Albums').click();
  const card = page.getByTestId('album-card').filter({ hasText: 'Pairs' });
  await expect(card.getByTestId('album-count')).toContainText('3 photos');
  expect((await albumsNow()).find((a) => a.name === 'Pairs')?.images_count).toBe(3);
  await card.getByRole('button', { name: /Pairs/ }).first().click();
  const tiles = page.getByTestId('album-image');
  await expect(tiles).toHaveCount(3);
  // Newest first in the album: the badges compared as a set.
  await expect.poll(async () => (await tiles.getByTestId('pair-badge').allInnerTexts()).sort()).toEqual(['Live', 'RAW', 'RAW']);
  await shots(page, 'album-pairs');
});

test('files left out are listed under "Not uploaded" with why, as they are found', async ({ page }) => {
  const shoot = path.join(tempDir('pixdrop-e2e-ignored-'), 'Hike');
  mkdirSync(path.join(shoot, 'rejects'), { recursive: true });
  copyFileSync(path.join(fixturesDir, 'cameras', 'nikon-e950.jpg'), path.join(shoot, 'summit.jpg'));
  copyFileSync(path.join(fixturesDir, 'cameras', 'ricoh-rdc-5300.jpg'), path.join(shoot, 'rejects', 'blurry.jpg'));
  writeFileSync(path.join(shoot, 'route.gpx'), '<gpx/>');
  const elsewhere = path.join(path.dirname(shoot), 'Private');
  mkdirSync(elsewhere);
  copyFileSync(path.join(fixturesDir, 'cameras', 'pentax-ist-d.jpg'), path.join(elsewhere, 'secret.jpg'));
  symlinkSync(elsewhere, path.join(shoot, 'private-link'));
  await page.goto(serve.url);
  const dialog = await openAddDialog(page, shoot);
  await dialog.getByText('Options', { exact: false }).first().click();
  await dialog.getByLabel('Leave out files matching').fill('rejects/**');
  await shots(page, 'add-options');
  await dialog.getByRole('button', { name: 'Start upload' }).click();
  await waitForOverall(page, 100);

  const list = page.getByTestId('ignored-list');
  await expect(list.getByTestId('ignored-summary')).toHaveText('Not uploaded (3)');
  await list.getByTestId('ignored-summary').click();
  const reasonOf = (name: string) => list.getByTestId('ignored-file').filter({ hasText: name });
  await expect(reasonOf('route.gpx')).toContainText('not a photo or video PixDrop uploads');
  await expect(reasonOf('blurry.jpg')).toContainText('left out by the folder’s options');
  await expect(reasonOf('private-link')).toContainText(`a link to ${elsewhere}, outside the folder: not followed`);
  await expect(page.getByTestId('job-row')).toHaveCount(1);
  await list.scrollIntoViewIfNeeded();
  await shots(page, 'queue-ignored');
});

test('Preview shows what Start would do and sends nothing; Start then does it', async ({ page }) => {
  const shoot = path.join(tempDir('pixdrop-e2e-preview-'), 'Studio');
  mkdirSync(shoot);
  copyFileSync(path.join(fixturesDir, 'cameras', 'nikon-e950.jpg'), path.join(shoot, 'a.jpg'));
  copyFileSync(path.join(fixturesDir, 'cameras', 'ricoh-rdc-5300.jpg'), path.join(shoot, 'b.jpg'));
  for (const name of ['DSC_0042.JPG', 'DSC_0042.NEF']) copyFileSync(path.join(pairsDir, 'raw-jpeg', name), path.join(shoot, name));
  writeFileSync(path.join(shoot, 'notes.txt'), 'client wants b/w');
  const bytes = ['a.jpg', 'b.jpg', 'DSC_0042.JPG', 'DSC_0042.NEF'].reduce((sum, name) => sum + statSync(path.join(shoot, name)).size, 0);

  await page.goto(serve.url);
  const dialog = await openAddDialog(page, shoot);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const plan = dialog.getByTestId('plan');
  await expect(plan.getByTestId('plan-new')).toHaveText('3 new photos');
  await expect(plan.getByTestId('plan-paired')).toHaveText('1 pair kept as one photo');
  await expect(plan.getByTestId('plan-ignored')).toHaveText('1 file not uploaded');
  await expect(plan.getByTestId('plan-albums')).toHaveText('1 new album: Studio');
  await expect(plan.getByTestId('plan-bytes')).toContainText(`${formatBytes(bytes, 'en')} to send`);
  await expect(plan.getByTestId('plan-file')).toHaveCount(3);
  await shots(page, 'add-preview');
  // Nothing was sent: no album, no queued file.
  expect((await albumsNow()).map((a) => a.name)).not.toContain('Studio');
  await expect(page.getByTestId('job-row')).toHaveCount(0);

  await dialog.getByRole('button', { name: 'Start upload' }).click();
  await expect(dialog).toBeHidden();
  await waitForOverall(page, 100);
  await expect.poll(async () => (await albumsNow()).find((a) => a.name === 'Studio')?.images_count).toBe(3);
});

test('a watched folder keeps its options, shown in its row', async ({ page }) => {
  const folder = path.join(tempDir('pixdrop-e2e-watch-'), 'Card');
  mkdirSync(folder);
  await page.goto(serve.url);
  await nav(page, 'Watched folders').click();
  await page.getByLabel('Folder to watch').fill(folder);
  const options = page.getByTestId('watch-options');
  await options.getByText('Options', { exact: false }).first().click();
  await options.getByLabel('Leave out files matching').fill('rejects/**, *.tmp');
  await options.getByLabel('RAW and JPEG of one shot').selectOption('jpeg');
  await options.getByLabel('Albums').selectOption('leaf');
  await page.getByRole('button', { name: 'Watch folder' }).click();
  const row = page.getByTestId('watch-row').filter({ hasText: folder });
  await expect(row.getByTestId('watch-options-text')).toHaveText('Options: One per folder that holds photos · not rejects/**, *.tmp · Only the JPEG');
  await shots(page, 'watch-options');
  // Kept by the engine: the page loaded afresh shows the same.
  await page.reload();
  await nav(page, 'Watched folders').click();
  await expect(page.getByTestId('watch-row').filter({ hasText: folder }).getByTestId('watch-options-text')).toContainText('not rejects/**, *.tmp');
});

test.describe('in German', () => {
  test.use({ locale: 'de-DE' });
  const english = englishOnly();
  const expectAllGerman = async (page: Page, screen: string) => {
    expect(untranslated(await readableTexts(page), english), `English left on ${screen}`).toEqual([]);
  };

  test('options, Preview, pair badges and the "Not uploaded" list speak German', async ({ page }) => {
    const shoot = path.join(tempDir('pixdrop-e2e-de-'), 'Hochzeit');
    mkdirSync(path.join(shoot, 'rejects'), { recursive: true });
    for (const name of ['DSC_0042.JPG', 'DSC_0042.NEF']) copyFileSync(path.join(pairsDir, 'raw-jpeg', name), path.join(shoot, name));
    copyFileSync(path.join(fixturesDir, 'cameras', 'ricoh-rdc-5300.jpg'), path.join(shoot, 'rejects', 'blurry.jpg'));
    writeFileSync(path.join(shoot, 'notes.txt'), 'Tischplan');
    await page.goto(serve.url);
    await page.getByLabel('Ordnerpfad').fill(shoot);
    await page.getByRole('button', { name: 'Ordner hinzufügen', exact: true }).click();
    const dialog = page.getByTestId('add-confirm');
    await dialog.getByText('Optionen', { exact: false }).first().click();
    await dialog.getByLabel('Dateien auslassen, die passen zu').fill('rejects/**');
    await dialog.getByRole('button', { name: 'Vorschau' }).click();
    await expect(dialog.getByTestId('plan-new')).toHaveText('1 neues Foto');
    await expectAllGerman(page, 'the add dialog with its Preview');
    await dialog.getByRole('button', { name: 'Hochladen starten' }).click();
    await waitForOverall(page, 100);
    await expect(page.getByTestId('pair-badge')).toHaveText('RAW');
    await page.getByTestId('ignored-summary').click();
    await expect(page.getByTestId('ignored-summary')).toHaveText('Nicht hochgeladen (2)');
    await expectAllGerman(page, 'the queue with its "Not uploaded" list');
    await shots(page, 'de-queue-ignored');

    await page.getByTestId('nav-watch').click();
    await page.getByLabel('Zu überwachender Ordner').fill(shoot);
    const options = page.getByTestId('watch-options');
    await options.getByText('Optionen', { exact: false }).first().click();
    await options.getByLabel('Aufgenommen ab').fill('2010-03-01');
    await options.getByLabel('Auch Videos hochladen').uncheck();
    await page.getByRole('button', { name: 'Ordner überwachen' }).click();
    await expect(page.getByTestId('watch-options-text')).toContainText('keine Videos');
    await expectAllGerman(page, 'Watched folders with options');
  });
});
