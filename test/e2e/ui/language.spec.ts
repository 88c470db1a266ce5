/**
 * The window in the photographer's language: a browser set to German gets every screen in German
 * (no English message left visible, to screen readers either), switches to English in Settings,
 * keeps that choice across a reload, and switches back.
 */
import { expect, test, type Page } from '@playwright/test';
import { readableTexts, shootFolder, startFromAddDialog, waitForOverall } from './support/actions';
import { englishOnly, untranslated } from './support/english';
import { captureAndScan } from './support/screens';
import { startServe, type ServeProcess } from './support/serve';

const PHOTOS = ['nikon-e950.jpg', 'olympus-pen-e-p3.jpg', 'sony-dslr-a200.jpg'];
const english = englishOnly();

let serve: ServeProcess;

test.use({ locale: 'de-DE' });

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

function nav(page: Page, id: string) {
  return page.getByTestId(`nav-${id}`);
}

async function expectAllGerman(page: Page, screen: string) {
  const texts = await readableTexts(page);
  expect(texts.length, `${screen}: something is on screen`).toBeGreaterThan(5);
  expect(untranslated(texts, english), `English left on ${screen}`).toEqual([]);
}

test('every screen speaks German in a German browser; English is one choice away and kept', async ({ page }) => {
  await page.goto(serve.url);
  await expect(nav(page, 'queue')).toHaveText('Warteschlange');
  await expect(page.locator('html')).toHaveAttribute('lang', 'de');
  await expect(page.getByRole('heading', { name: 'Willkommen bei PixDrop' })).toBeVisible();
  await expectAllGerman(page, 'the empty queue');

  await nav(page, 'albums').click();
  await expect(page.getByText(/Noch keine Alben/)).toBeVisible();
  await expectAllGerman(page, 'the empty albums screen');

  // A folder uploads, one album per folder: the queue, the album and a photo, all in German.
  await page.getByLabel('Ordnerpfad').fill(shootFolder('Urlaub am See', PHOTOS));
  await page.getByRole('button', { name: 'Ordner hinzufügen', exact: true }).click();
  await expect(page.getByTestId('target-album')).toContainText('Urlaub am See (neues Album)');
  await expectAllGerman(page, 'the add dialog');
  await startFromAddDialog(page, 'Hochladen starten');
  await nav(page, 'queue').click();
  await waitForOverall(page, 100);
  await expect(page.getByTestId('queue-counts')).toContainText(`${PHOTOS.length} hochgeladen`);
  await expect(page.getByTestId('job-status').first()).toHaveText('Hochgeladen');
  await expectAllGerman(page, 'the finished queue');
  await captureAndScan(page, 'de-queue-done');
  await page.getByTestId('view-list').click();
  await expectAllGerman(page, 'the queue as a list');
  await page.getByRole('button', { name: 'Tastenkürzel' }).click();
  await expect(page.getByTestId('shortcuts-help').getByText('Strg+O')).toBeVisible();
  await expectAllGerman(page, 'the shortcuts help');
  await page.keyboard.press('Escape');

  await nav(page, 'albums').click();
  const card = page.getByTestId('album-card').filter({ hasText: 'Urlaub am See' });
  await expect(card.getByTestId('album-count')).toContainText(`${PHOTOS.length} Fotos`);
  await expectAllGerman(page, 'the albums screen');
  await card.getByRole('button', { name: /^Album Urlaub am See öffnen/ }).click();
  await expect(page.getByTestId('album-image')).toHaveCount(PHOTOS.length);
  await expectAllGerman(page, 'the album');
  await page.getByRole('checkbox', { name: 'nikon-e950.jpg auswählen' }).click();
  await expect(page.getByTestId('caption-form')).toBeVisible();
  await page.getByTestId('view-list').click();
  await expectAllGerman(page, 'the album as a list, one photo selected');
  await page.getByRole('button', { name: 'Auswahl aufheben' }).click();
  await page.getByRole('button', { name: 'Foto nikon-e950.jpg öffnen' }).click();
  const panel = page.getByTestId('photo-panel');
  await expect(panel.getByText('Kameramodell')).toBeVisible();
  await expectAllGerman(page, 'the photo panel');
  await captureAndScan(page, 'de-photo-panel');
  await page.keyboard.press('Escape');

  await nav(page, 'watch').click();
  const watched = shootFolder('Karte', []);
  await page.getByLabel('Zu überwachender Ordner').fill(watched);
  await page.getByRole('button', { name: 'Ordner überwachen' }).click();
  await expect(page.getByTestId('watch-state')).toHaveText('Wird überwacht', { timeout: 20_000 });
  await expectAllGerman(page, 'watched folders');

  await nav(page, 'settings').click();
  await expect(page.getByLabel('Gleichzeitige Uploads')).toHaveValue(/\d+/);
  await expectAllGerman(page, 'settings');
  await captureAndScan(page, 'de-settings');
  // A wrong upload limit is said in German; so is the diagnostics summary (the report itself is the doctor's, in English).
  await page.getByLabel('Upload-Bandbreite').fill('schnell');
  await expect(page.getByTestId('bandwidth-error')).toHaveText('„schnell“ ist keine Rate: schreiben Sie zum Beispiel 2M, 500k, 10Mbit oder off.');
  await page.getByRole('button', { name: 'Diagnose ausführen' }).click();
  await expect(page.getByTestId('diagnostics-text')).toBeVisible({ timeout: 30_000 });
  const report = (await page.getByTestId('diagnostics-text').textContent()) ?? '';
  expect(
    untranslated(await readableTexts(page), english).filter((text) => text !== report.replace(/\s+/g, ' ').trim()),
    'English left on settings with diagnostics',
  ).toEqual([]);
  await page.getByLabel('Upload-Bandbreite').fill('');

  // Switched in Settings, kept across a reload (the browser still prefers German), and back.
  await page.getByLabel('Sprache').selectOption('en');
  await expect(page.getByTestId('nav-settings')).toHaveText('Settings');
  await expect(page.getByLabel('Files uploading at once')).toBeVisible();
  await page.reload();
  await expect(nav(page, 'queue')).toHaveText('Queue');
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await nav(page, 'settings').click();
  await page.getByLabel('Language').selectOption('de');
  await expect(nav(page, 'queue')).toHaveText('Warteschlange');
});
