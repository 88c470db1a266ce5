/**
 * First run with nothing configured: the window opens in demo mode on a short welcome, "Try it
 * with sample photos" uploads the real photos shipped in samples/ into their album, and Settings
 * says how to connect a real backend.
 */
import { expect, test } from '@playwright/test';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { nav, waitForOverall } from './support/actions';
import { repoRoot, startServe, type ServeProcess } from './support/serve';

const samples = readdirSync(path.join(repoRoot, 'samples')).filter((name) => name.endsWith('.jpg'));

let serve: ServeProcess;

test.beforeAll(async () => {
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

test('the welcome uploads the sample photos into their album, and Settings explains how to leave demo mode', async ({ page }) => {
  expect(samples.length, 'samples/ ships a few photos').toBeGreaterThanOrEqual(4);
  await page.goto(serve.url);
  const welcome = page.getByTestId('welcome');
  await expect(welcome.getByRole('heading', { name: 'Welcome to PixDrop' })).toBeVisible();
  await expect(page.getByTestId('demo-banner')).toBeVisible();

  await welcome.getByRole('button', { name: 'Try it with sample photos' }).click();
  await expect(page.getByTestId('notice').filter({ hasText: `${samples.length} photos added to the queue` })).toBeVisible();
  await waitForOverall(page, 100);
  await expect(page.getByTestId('queue-counts')).toContainText(`${samples.length} uploaded`);
  await expect(welcome, 'the welcome makes way for the queue').toHaveCount(0);

  await nav(page, 'Albums').click();
  const card = page.getByTestId('album-card').filter({ hasText: 'samples' });
  await expect(card.getByTestId('album-count')).toContainText(`${samples.length} photos`);

  await nav(page, 'Settings').click();
  const help = page.getByTestId('connect-help');
  await expect(help.getByRole('heading', { name: 'Connect a real backend' })).toBeVisible();
  await expect(help).toContainText('restart PixDrop');
  await expect(help).toContainText('CLOUDINARY_URL');
});

test('Connect your own backend on the welcome opens Settings', async ({ page }) => {
  const fresh = await startServe();
  try {
    await page.goto(fresh.url);
    await page.getByTestId('welcome').getByRole('button', { name: 'Connect your own backend' }).click();
    await expect(page.getByRole('heading', { level: 2, name: 'Settings' })).toBeVisible();
    await expect(page.getByTestId('connect-help')).toBeVisible();
  } finally {
    await fresh.stop();
  }
});
