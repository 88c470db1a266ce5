/**
 * Settings' two desktop switches, automatic updates and local crash reports: both on at first,
 * switched off and saved they stay off after a reload (kept in settings.json), and the screen says
 * where crash reports are kept and how many there are.
 */
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureAndScan } from './support/screens';
import { startServe, tempDir, type ServeProcess } from './support/serve';

let serve: ServeProcess;

test.beforeAll(async () => {
  const dataDir = tempDir('pixdrop-e2e-switches-');
  mkdirSync(path.join(dataDir, 'crash-dumps', 'completed'), { recursive: true });
  writeFileSync(path.join(dataDir, 'crash-dumps', 'completed', 'a.dmp'), 'MDMP');
  writeFileSync(path.join(dataDir, 'crash-dumps', 'completed', 'b.dmp'), 'MDMP');
  serve = await startServe({ dataDir });
});

test.afterAll(async () => {
  await serve?.stop();
});

async function openSettings(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: 'Settings', exact: true }).click();
}

test('automatic updates and crash reports can be switched off in Settings and stay off', async ({ page }) => {
  await page.goto(serve.url);
  await openSettings(page);
  const updates = page.getByLabel('Install updates automatically (desktop app)');
  const crashes = page.getByLabel('Keep crash reports on this computer (desktop app)');
  await expect(updates).toBeChecked();
  await expect(crashes).toBeChecked();
  await expect(page.getByText(`2 reports in ${path.join(serve.dataDir, 'crash-dumps')}`)).toBeVisible();
  await captureAndScan(page, '11-settings-desktop-switches');

  await updates.uncheck();
  await crashes.uncheck();
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Saved.' })).toBeVisible();
  const saved = JSON.parse(readFileSync(path.join(serve.dataDir, 'settings.json'), 'utf8')) as { plain: Record<string, unknown> };
  expect(saved.plain).toMatchObject({ autoUpdate: false, crashReports: false });

  await page.reload();
  await openSettings(page);
  await expect(page.getByLabel('Install updates automatically (desktop app)')).not.toBeChecked();
  await expect(page.getByLabel('Keep crash reports on this computer (desktop app)')).not.toBeChecked();
});
