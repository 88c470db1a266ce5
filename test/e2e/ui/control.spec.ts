/**
 * In control from the window (`pixdrop serve`, demo mode, a slow line so transfers are caught
 * under way): one file cancelled mid-upload never reaches its album; "Cancel all" says how many
 * before it acts; a watched folder's uploads cancelled together; the upload limit checked as typed and
 * applied to the running engine; diagnostics shown and copied without a secret in them.
 */
import { expect, test, type Page } from '@playwright/test';
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import type { AlbumView, ImageView, JobPage, SettingsView } from '../../../src/shared/api';
import { addFolderByPath, nav, shootFolder } from './support/actions';
import { callApi, sessionToken } from './support/api';
import { fixturesDir, startServe, type ServeProcess } from './support/serve';

/** ~2.1 MB and ~3.2 MB at 150 KB/s, one at a time: over ten seconds of bytes moving for each. */
const SLOW = { PIXDROP_BWLIMIT: '150000', PIXDROP_CONCURRENCY: '1' };
const BIG = 'canon-eos-1300d.jpg';
const BIGGER = 'leica-t-typ-701.jpg';
const SMALL = 'nikon-e950.jpg';

const row = (page: Page, filename: string) => page.locator(`[data-testid="job-row"][data-filename="${filename}"]`);

async function albumFiles(serve: ServeProcess, name: string): Promise<string[] | null> {
  const album = (await callApi<AlbumView[]>(serve, 'listAlbums')).find((a) => a.name === name);
  if (!album) return null;
  return (await callApi<ImageView[]>(serve, 'listAlbumImages', [album.id])).map((image) => image.filename ?? '?').sort();
}

async function statuses(serve: ServeProcess): Promise<Record<string, string>> {
  const page = await callApi<JobPage>(serve, 'listJobs', [{ filter: 'all', limit: 100 }]);
  return Object.fromEntries(page.jobs.map((job) => [job.filename, job.status]));
}

/** Waits until the row's own bar shows bytes moving. */
async function waitUntilSending(page: Page, filename: string): Promise<void> {
  await expect(row(page, filename)).toHaveAttribute('data-status', 'uploading', { timeout: 30_000 });
  await expect
    .poll(async () => Number(await row(page, filename).getByRole('progressbar').getAttribute('aria-valuenow')), { timeout: 30_000 })
    .toBeGreaterThan(0);
}

test.describe('cancel on a slow line', () => {
  let serve: ServeProcess;
  test.beforeEach(async () => {
    serve = await startServe({ env: SLOW });
  });
  test.afterEach(async () => {
    await serve?.stop();
  });

  test('a file cancelled mid-upload stops at once and never reaches the album; the others go on', async ({ page }) => {
    await page.goto(serve.url);
    await addFolderByPath(page, shootFolder('Cancel one', [BIG, SMALL]));
    await waitUntilSending(page, BIG);
    const cancel = row(page, BIG).getByRole('button', { name: `Cancel ${BIG}: it is not uploaded unless added again` });
    await expect(cancel).toBeEnabled();
    await cancel.click();
    await expect(row(page, BIG)).toHaveAttribute('data-status', 'cancelled');
    await expect(row(page, BIG).getByTestId('job-status')).toHaveText('Cancelled');
    // Nothing left to cancel on that row; the small one uploads after it.
    await expect(row(page, BIG).getByRole('button', { name: /^Cancel / })).toHaveCount(0);
    await expect(row(page, SMALL)).toHaveAttribute('data-status', 'done', { timeout: 60_000 });

    expect(await albumFiles(serve, 'Cancel one')).toEqual([SMALL]);
    expect(await statuses(serve)).toEqual({ [BIG]: 'cancelled', [SMALL]: 'done' });
  });

  test('"Cancel all" says how many files it takes out of the queue, and then none of them uploads', async ({ page }) => {
    await page.goto(serve.url);
    await addFolderByPath(page, shootFolder('Cancel all', [BIG, BIGGER]));
    await expect(page.locator('[data-testid="job-row"][data-status="uploading"]')).toHaveCount(1, { timeout: 30_000 });
    const cancelAll = page.getByRole('button', { name: 'Cancel all', exact: true });
    await expect(cancelAll).toBeEnabled();
    await cancelAll.click();
    const dialog = page.getByTestId('cancel-confirm');
    await expect(dialog.getByRole('heading')).toHaveText('Cancel 2 files?');
    // Keeping them changes nothing.
    await dialog.getByRole('button', { name: 'Keep uploading' }).click();
    await expect(dialog).toBeHidden();
    await expect(page.locator('[data-testid="job-row"][data-status="uploading"]')).toHaveCount(1);

    await cancelAll.click();
    await page.getByTestId('cancel-confirm').getByRole('button', { name: 'Cancel 2 files' }).click();
    await expect(page.getByTestId('notice').filter({ hasText: '2 files cancelled.' })).toBeVisible();
    for (const file of [BIG, BIGGER]) await expect(row(page, file)).toHaveAttribute('data-status', 'cancelled');
    await expect(cancelAll).toBeDisabled();
    expect(await statuses(serve)).toEqual({ [BIG]: 'cancelled', [BIGGER]: 'cancelled' });
    expect((await albumFiles(serve, 'Cancel all')) ?? []).toEqual([]);
  });

  test("a watched folder's uploads are cancelled together, from its row", async ({ page }) => {
    await page.goto(serve.url);
    const card = shootFolder('Card', []);
    await nav(page, 'Watched folders').click();
    await page.getByLabel('Folder to watch').fill(card);
    await page.getByRole('button', { name: 'Watch folder' }).click();
    const watchRow = page.getByTestId('watch-row').filter({ hasText: card });
    await expect(watchRow.getByTestId('watch-state')).toHaveText('Watching', { timeout: 20_000 });
    const cancel = watchRow.getByTestId('watch-cancel');
    await expect(cancel).toBeDisabled(); // nothing to cancel yet

    for (const file of [BIG, BIGGER]) copyFileSync(path.join(fixturesDir, 'cameras', file), path.join(card, file));
    await expect(cancel).toBeEnabled({ timeout: 30_000 });
    await expect(cancel).toHaveAccessibleName(`Cancel uploads from ${card} (2 files)`, { timeout: 15_000 });
    await cancel.click();
    await page.getByTestId('cancel-confirm').getByRole('button', { name: 'Cancel 2 files' }).click();
    await expect(page.getByTestId('notice').filter({ hasText: '2 files cancelled.' })).toBeVisible();
    await expect(cancel).toBeDisabled({ timeout: 15_000 });
    expect(await statuses(serve)).toEqual({ [BIG]: 'cancelled', [BIGGER]: 'cancelled' });
  });
});

test.describe('Settings', () => {
  let serve: ServeProcess;
  test.afterEach(async () => {
    await serve?.stop();
  });

  test('the upload limit is checked as it is typed, said clearly when wrong, and applied to the running engine', async ({ page }) => {
    serve = await startServe();
    await page.goto(serve.url);
    await nav(page, 'Settings').click();
    const field = page.getByLabel('Upload bandwidth');
    const apply = page.getByRole('button', { name: 'Apply limit' });
    const error = page.getByTestId('bandwidth-error');
    await expect(apply).toBeDisabled(); // nothing changed yet

    await field.fill('fast');
    await expect(error).toHaveText('“fast” is not a rate: write for example 2M, 500k, 10Mbit or off.');
    await expect(field).toHaveAttribute('aria-invalid', 'true');
    await expect(apply).toBeDisabled();
    await field.fill('08:00,1M 08:00,2M');
    await expect(error).toHaveText('The timetable gives 08:00 twice: keep one rate per time.');
    await field.fill('25:00,1M');
    await expect(error).toContainText('has no such time of day');

    await field.fill('2M');
    await expect(error).toBeHidden();
    await apply.click();
    await expect(page.getByTestId('bandwidth-applied')).toHaveText('Applied: 2M.');
    expect((await callApi<SettingsView>(serve, 'getSettings')).bwlimit).toBe('2M');

    await field.fill('Mon-08:00,1M Sat-00:00,off');
    await apply.click();
    await expect(page.getByTestId('bandwidth-applied')).toHaveText('Applied: Mon-08:00,1M Sat-00:00,off.');
    expect((await callApi<SettingsView>(serve, 'getSettings')).bwlimit).toBe('Mon-08:00,1M Sat-00:00,off');

    await field.fill('off');
    await apply.click();
    await expect(page.getByTestId('bandwidth-applied')).toHaveText('Applied: no limit.');
    expect((await callApi<SettingsView>(serve, 'getSettings')).bwlimit).toBeNull();
    // Kept: the field shows the limit in force after a reload.
    await page.reload();
    await nav(page, 'Settings').click();
    await expect(page.getByLabel('Upload bandwidth')).toHaveValue('');
  });

  test('Copy diagnostics puts what pixdrop doctor reports on the clipboard, without the secret or either token', async ({ page, context }) => {
    const secret = 'Zq9-cloudinary-SECRET-4f1b';
    const backendToken = 'eyJhbGciOiJIUzI1NiJ9.backend-TOKEN-7731.sig';
    // Servers that are not there: the report must say so, with nothing secret on the way.
    serve = await startServe({
      env: {
        CLOUDINARY_URL: `cloudinary://873421234567890:${secret}@mycloud?upload_prefix=http://127.0.0.1:9`,
        PIXDROP_API_URL: 'http://127.0.0.1:9',
        PIXDROP_API_TOKEN: backendToken,
      },
    });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(serve.url).origin });
    await page.goto(serve.url);
    await nav(page, 'Settings').click();
    const copy = page.getByRole('button', { name: 'Copy diagnostics' });
    await expect(copy).toBeDisabled(); // nothing to copy before it ran
    await page.getByRole('button', { name: 'Run diagnostics' }).click();
    const shown = page.getByTestId('diagnostics-text');
    await expect(shown).toContainText('local signing', { timeout: 30_000 });
    await expect(page.getByTestId('diagnostics-summary')).toContainText(/\d+ problems? found/);
    await copy.click();
    await expect(page.getByTestId('diagnostics-status')).toHaveText('Copied to the clipboard.');

    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(await shown.textContent());
    for (const part of [
      /^PixDrop \d+\.\d+\.\d+ — Node /,
      /mode +local signing \(cloud mycloud, key …7890\)/,
      /Cloudinary .* cannot be reached/,
      /the album backend .* cannot be reached/,
      /data dir .*writable/,
      /crash dumps +none/,
    ])
      expect(copied).toMatch(new RegExp(part.source, 'm'));
    for (const leaked of [secret, backendToken, sessionToken(serve)]) expect(copied).not.toContain(leaked);
  });
});
