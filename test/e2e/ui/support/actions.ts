/** What a photographer does again and again in the browser UI, in one place for every spec. */
import { expect, type Page } from '@playwright/test';
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, tempDir } from './serve';

export function nav(page: Page, name: string) {
  return page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name, exact: true });
}

/** A folder named `name` holding copies of the given camera fixtures (file names from cameras/). */
export function shootFolder(name: string, photos: string[]): string {
  const dir = path.join(tempDir('pixdrop-e2e-shoot-'), name);
  mkdirSync(dir);
  for (const photo of photos) copyFileSync(path.join(fixturesDir, 'cameras', photo), path.join(dir, photo));
  return dir;
}

/** Types the folder's path into the browser's add field (a browser page cannot hand over paths) and starts it from the add dialog. */
export async function addFolderByPath(page: Page, dir: string): Promise<void> {
  await nav(page, 'Queue').click();
  await page.getByLabel('Folder path').fill(dir);
  await page.getByRole('button', { name: 'Add folder', exact: true }).click();
  await startFromAddDialog(page);
}

/** The add dialog shows where the photos go; nothing starts before "Start upload". */
export async function startFromAddDialog(page: Page, start = 'Start upload'): Promise<void> {
  const dialog = page.getByTestId('add-confirm');
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: start }).click();
  await expect(dialog).toBeHidden();
}

export async function waitForOverall(page: Page, percent: number, timeout = 120_000): Promise<void> {
  await expect(page.getByTestId('overall-progress')).toHaveAttribute('aria-valuenow', String(percent), { timeout });
}

/**
 * Every string a person can read on the page now: visible text nodes, the chosen and offered
 * options of menus, and what screen readers and tooltips say (aria-label, placeholder, title, alt).
 */
export async function readableTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out = new Set<string>();
    const add = (text: string | null | undefined) => {
      const trimmed = text?.replace(/\s+/g, ' ').trim();
      if (trimmed) out.add(trimmed);
    };
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (parent && (parent.closest('option') || parent.checkVisibility({ visibilityProperty: true, opacityProperty: false }))) add(node.textContent);
    }
    for (const element of document.querySelectorAll<HTMLElement>('[aria-label], [placeholder], [title], img[alt], [aria-valuetext]')) {
      if (!element.checkVisibility()) continue;
      for (const name of ['aria-label', 'placeholder', 'title', 'alt', 'aria-valuetext']) add(element.getAttribute(name));
    }
    return [...out];
  });
}
