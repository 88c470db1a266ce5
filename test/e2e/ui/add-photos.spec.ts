/**
 * Getting photos in from a browser, which is never told where a folder lives: the engine's folder
 * chooser (browse, recent folders), path completion in the path field, and the add dialog that
 * shows the target albums before anything starts.
 */
import { expect, test } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { nav, startFromAddDialog, waitForOverall } from './support/actions';
import { captureAndScan } from './support/screens';
import { fixturesDir, startServe, tempDir, type ServeProcess } from './support/serve';

let serve: ServeProcess;
let card: string;

test.beforeAll(async () => {
  serve = await startServe();
  // A card as cameras and NAS leave it: photo folders next to hidden and housekeeping ones.
  card = path.join(tempDir('pixdrop-e2e-card-'), 'CARD');
  for (const name of ['Birds', 'Birthday', '.Trashes', '@eaDir']) mkdirSync(path.join(card, name), { recursive: true });
  for (const photo of ['nikon-e950.jpg', 'ricoh-rdc-5300.jpg']) copyFileSync(path.join(fixturesDir, 'cameras', photo), path.join(card, 'Birds', photo));
});

test.afterAll(async () => {
  await serve?.stop();
});

test('choose a folder in the engine-served chooser, see its album, upload; it is then a recent folder', async ({ page }) => {
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Browse…' }).click();
  const chooser = page.getByTestId('folder-chooser');
  await expect(chooser.getByRole('heading', { name: 'Choose a folder' })).toBeVisible();
  await chooser.getByLabel('Folder', { exact: true }).fill(card);
  await chooser.getByRole('button', { name: 'Go' }).click();
  const folders = chooser.getByTestId('folder-list').getByRole('button');
  await expect(folders).toHaveText([/Birds/, /Birthday/]);
  await captureAndScan(page, 'add-chooser');
  await chooser.getByRole('button', { name: 'Open folder Birds' }).click();
  await expect(chooser.getByText('No folders here.', { exact: false })).toBeVisible();
  await chooser.getByRole('button', { name: 'Choose this folder' }).click();

  const confirm = page.getByTestId('add-confirm');
  await expect(confirm.getByTestId('target-album')).toHaveText(`${path.join(card, 'Birds')} → Birds (new album)`);
  await captureAndScan(page, 'add-dialog');
  await startFromAddDialog(page);
  await waitForOverall(page, 100);
  await expect(page.getByTestId('queue-counts')).toContainText('2 uploaded');

  // The next time, the folder is offered under Recent folders; the same folder now goes to an existing album.
  await page.getByRole('button', { name: 'Browse…' }).click();
  await chooser.getByRole('button', { name: path.join(card, 'Birds') }).click();
  await chooser.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(confirm.getByTestId('target-album')).toContainText('Birds (existing album, 2 photos)');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toBeHidden();
});

test('the path field completes folder names as they are typed', async ({ page }) => {
  await page.goto(serve.url);
  await nav(page, 'Queue').click();
  await page.getByLabel('Folder path').fill(`${card}/Bi`);
  const options = page.locator('.add-bar datalist option');
  await expect(options).toHaveCount(2);
  expect(await options.evaluateAll((list) => list.map((o) => (o as HTMLOptionElement).value))).toEqual([path.join(card, 'Birds'), path.join(card, 'Birthday')]);
});

test('a folder to watch can be chosen in the same chooser', async ({ page }) => {
  await page.goto(serve.url);
  await nav(page, 'Watched folders').click();
  await page.getByRole('button', { name: 'Choose…' }).click();
  const chooser = page.getByTestId('folder-chooser');
  await chooser.getByLabel('Folder', { exact: true }).fill(card);
  await chooser.getByRole('button', { name: 'Go' }).click();
  await expect(chooser.getByTestId('folder-list').getByRole('button')).toHaveCount(2);
  await chooser.getByRole('button', { name: 'Choose this folder' }).click();
  await expect(page.getByLabel('Folder to watch')).toHaveValue(card);
});

test('a path typed while the home folder is still being listed is kept, and Go lists it', async ({ page }) => {
  // The home folder's answer is held back until the path has been typed: it used to replace what was typed.
  let releaseHome: () => void = () => undefined;
  const homeHeld = new Promise<void>((resolve) => (releaseHome = resolve));
  let first = true;
  await page.route('**/api/listDirectory', async (route) => {
    if (!first) return route.continue();
    first = false;
    await homeHeld;
    await route.continue();
  });
  await page.goto(serve.url);
  await page.getByRole('button', { name: 'Browse…' }).click();
  const chooser = page.getByTestId('folder-chooser');
  await chooser.getByLabel('Folder', { exact: true }).fill(card);
  const homeAnswered = page.waitForResponse('**/api/listDirectory');
  releaseHome();
  await homeAnswered;
  await expect(chooser.getByLabel('Folder', { exact: true })).toHaveValue(card);
  await chooser.getByRole('button', { name: 'Go' }).click();
  await expect(chooser.getByTestId('folder-list').getByRole('button')).toHaveText([/Birds/, /Birthday/]);
});
