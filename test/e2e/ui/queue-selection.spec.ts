/**
 * Selecting many files in the queue (`pixdrop serve`, demo mode, a slow line so the files are caught
 * queued and under way): Space selects, Shift+arrow extends, Ctrl+A selects all; the selection's actions
 * are enabled only when they change something; two of four files selected with the keyboard and
 * cancelled never reach the album, the other two do. Screenshots of the selection in both themes.
 */
import { expect, test, type Page } from '@playwright/test';
import type { AlbumView, ImageView, JobPage } from '../../../src/shared/api';
import { addFolderByPath, shootFolder } from './support/actions';
import { callApi } from './support/api';
import { captureAndScan } from './support/screens';
import { startServe, type ServeProcess } from './support/serve';

/** One at a time at 100 KB/s: each file that must still be queued or under way while the test clicks takes 10 s or more. */
const SLOW = { PIXDROP_BWLIMIT: '100000', PIXDROP_CONCURRENCY: '1' };
const CANCELLED = ['canon-eos-1300d.jpg', 'leica-t-typ-701.jpg'];
const KEPT = ['apple-iphone-4.jpg', 'panasonic-dmc-lc40.jpg'];
const ALBUM = 'Select many';

let serve: ServeProcess;
test.beforeEach(async () => {
  serve = await startServe({ env: SLOW });
});
test.afterEach(async () => {
  await serve?.stop();
});

const focusedIndex = (page: Page) => page.evaluate(() => (document.activeElement as HTMLElement | null)?.dataset.index ?? null);

/** Moves the one focus of the grid to this file with the arrow keys. */
async function arrowTo(page: Page, index: number): Promise<void> {
  await page.keyboard.press('Home');
  for (let i = 0; i < index; i += 1) await page.keyboard.press('ArrowRight');
  expect(await focusedIndex(page)).toBe(String(index));
}

async function albumFiles(name: string): Promise<string[] | null> {
  const album = (await callApi<AlbumView[]>(serve, 'listAlbums')).find((a) => a.name === name);
  if (!album) return null;
  return (await callApi<ImageView[]>(serve, 'listAlbumImages', [album.id])).map((image) => image.filename ?? '?').sort();
}

test('select two of four with the keyboard, "Cancel selected": those two never reach the album, the other two do', async ({ page }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(serve.url);
  await addFolderByPath(page, shootFolder(ALBUM, [...CANCELLED, ...KEPT]));
  const list = page.getByTestId('job-list');
  await expect(list.getByTestId('job-row')).toHaveCount(4);
  const bar = page.getByTestId('queue-selection');
  const count = bar.getByTestId('selection-count');
  // Nothing selected: nothing to act on, only "Select all".
  await expect(bar.getByRole('button', { name: 'Select all' })).toBeEnabled();
  await expect(bar.getByRole('button', { name: 'Clear selection' })).toBeDisabled();
  await expect(bar.getByRole('button', { name: /^Cancel selected/ })).toHaveCount(0);

  // Space selects the focused file, Shift+arrow extends to the next; Ctrl+A takes all four.
  await list.locator('[data-index="0"]').focus();
  await page.keyboard.press(' ');
  await expect(count).toHaveText('1 file selected');
  await page.keyboard.press('Shift+ArrowRight');
  await expect(count).toHaveText('2 files selected');
  await expect(list.getByTestId('job-select').nth(1)).toBeChecked();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(count).toHaveText('4 files selected');
  await expect(list.getByTestId('job-select')).toHaveCount(4);
  for (const box of await list.getByTestId('job-select').all()) await expect(box).toBeChecked();
  await bar.getByRole('button', { name: 'Clear selection' }).click();
  await expect(count).not.toHaveText(/selected/);

  // The two big files, wherever the queue put them, with the arrows and Space.
  const names = await list.getByTestId('job-row').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-filename')));
  const targets = CANCELLED.map((name) => names.indexOf(name)).sort((a, b) => a - b);
  await list.locator('[data-index="0"]').focus();
  for (const index of targets) {
    await arrowTo(page, index);
    await page.keyboard.press(' ');
  }
  await expect(count).toHaveText('2 files selected');
  const cancelSelected = bar.getByRole('button', { name: 'Cancel selected (2)' });
  await expect(cancelSelected).toBeEnabled();
  // Nothing selected has failed or is paused: those two do nothing, so they are off.
  await expect(bar.getByRole('button', { name: 'Retry selected (0)' })).toBeDisabled();
  await expect(bar.getByRole('button', { name: 'Resume selected (0)' })).toBeDisabled();

  for (const view of ['grid', 'list'] as const) {
    await page.getByTestId(`view-${view}`).click();
    await expect(list).toHaveAttribute('data-view', view);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      await captureAndScan(page, `queue-selection-${view}-1280x800-${colorScheme}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await expect(count).toHaveText('2 files selected'); // kept across the switch to the list

  await cancelSelected.click();
  const dialog = page.getByTestId('cancel-confirm');
  await expect(dialog.getByRole('heading')).toHaveText('Cancel 2 files?');
  await dialog.getByRole('button', { name: 'Cancel 2 files' }).click();
  for (const name of CANCELLED) await expect(list.locator(`[data-filename="${name}"]`)).toHaveAttribute('data-status', 'cancelled');
  await expect(count).not.toHaveText(/selected/);
  for (const name of KEPT) await expect(list.locator(`[data-filename="${name}"]`)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

  expect(await albumFiles(ALBUM)).toEqual([...KEPT].sort());
  const jobs = await callApi<JobPage>(serve, 'listJobs', [{ filter: 'all', limit: 100 }]);
  expect(Object.fromEntries(jobs.jobs.map((job) => [job.filename, job.status]))).toEqual({
    [CANCELLED[0]]: 'cancelled',
    [CANCELLED[1]]: 'cancelled',
    [KEPT[0]]: 'done',
    [KEPT[1]]: 'done',
  });
});

test('Ctrl-click and Shift-click select; "Pause selected" holds only those files while the others upload, "Resume selected" lets them go', async ({ page }) => {
  test.setTimeout(240_000);
  await page.goto(serve.url);
  // ~1 to 3.2 MB each at 100 KB/s, one at a time: the queued ones stay queued for the clicks below.
  const photos = ['canon-eos-1300d.jpg', 'leica-t-typ-701.jpg', 'pentax-ist-d.jpg', 'fujifilm-finepix-s5500.jpg'];
  await addFolderByPath(page, shootFolder('Hold two', photos));
  await page.getByTestId('view-list').click();
  const list = page.getByTestId('job-list');
  const rows = list.getByTestId('job-row');
  await expect(rows).toHaveCount(4);
  await expect(list.locator('[data-status="uploading"]')).toHaveCount(1, { timeout: 30_000 });
  const names = await rows.evaluateAll((all) => all.map((row) => row.getAttribute('data-filename')!));
  const queued = await list.locator('[data-status="queued"]').evaluateAll((all) => all.map((row) => row.getAttribute('data-filename')!));
  const [first, second] = [queued[0]!, queued[1]!];
  const nameButton = (name: string) => list.locator(`[data-filename="${name}"] button.job-name`);
  const bar = page.getByTestId('queue-selection');
  const count = bar.getByTestId('selection-count');

  await nameButton(first).click({ modifiers: ['ControlOrMeta'] });
  await expect(count).toHaveText('1 file selected');
  await expect(page.getByRole('dialog')).toHaveCount(0); // a Ctrl-click selects, it does not open the photo
  await nameButton(second).click({ modifiers: ['Shift'] });
  const span = Math.abs(names.indexOf(second) - names.indexOf(first)) + 1;
  await expect(count).toHaveText(`${span} files selected`);
  // Whatever else the range took in (the file under way), only the two queued ones can be paused.
  await bar.getByRole('button', { name: 'Pause selected (2)' }).click();
  for (const name of [first, second]) await expect(list.locator(`[data-filename="${name}"]`)).toHaveAttribute('data-status', 'paused');
  await expect(bar.getByRole('button', { name: 'Pause selected (0)' })).toBeDisabled();
  const resume = bar.getByRole('button', { name: 'Resume selected (2)' });
  await expect(resume).toBeEnabled();

  // The two others upload; the held ones wait.
  const others = names.filter((name) => name !== first && name !== second);
  for (const name of others) await expect(list.locator(`[data-filename="${name}"]`)).toHaveAttribute('data-status', 'done', { timeout: 90_000 });
  for (const name of [first, second]) await expect(list.locator(`[data-filename="${name}"]`)).toHaveAttribute('data-status', 'paused');
  expect(await albumFiles('Hold two')).toEqual([...others].sort());

  await resume.click();
  for (const name of [first, second]) await expect(list.locator(`[data-filename="${name}"]`)).not.toHaveAttribute('data-status', 'paused');
  await expect(bar.getByRole('button', { name: /^Resume selected/ })).toBeDisabled();

  // Under "Active", Ctrl+A takes the two still to upload; each leaves the selection as it is done.
  await page.getByTestId('filter-active').click();
  await expect(list.getByTestId('job-row')).toHaveCount(2);
  await list.locator('[data-index="0"]').focus();
  await page.keyboard.press('ControlOrMeta+a');
  await expect(count).toHaveText('2 files selected');
  await expect(count).toHaveText('1 file selected', { timeout: 60_000 });
  await expect(list.getByTestId('job-row')).toHaveCount(1);
});
