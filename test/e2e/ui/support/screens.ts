/** Screenshots kept for people (artifacts/screenshots/) and an axe-core scan of the same screen. */
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import path from 'node:path';
import { repoRoot } from './serve';

export const screenshotDir = path.join(repoRoot, 'artifacts/screenshots');

export async function captureScreen(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true });
}

/** No serious or critical WCAG 2.x A/AA violation; the list is printed so a failure says what to fix. */
export async function expectAccessible(page: Page, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const blocking = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const summary = results.violations.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ')})`);
  console.log(`axe ${name}: ${results.violations.length} violation(s)${summary.length ? `\n  ${summary.join('\n  ')}` : ''}`);
  expect(
    blocking.map((v) => `${v.id}: ${v.help}`),
    `serious/critical accessibility problems on ${name}`,
  ).toEqual([]);
}

export async function captureAndScan(page: Page, name: string): Promise<void> {
  await captureScreen(page, name);
  await expectAccessible(page, name);
}

/** Nothing axe finds inside one part of the page (a dialog), moderate findings included. */
export async function expectNoFindingsIn(page: Page, selector: string, name: string): Promise<void> {
  const results = await new AxeBuilder({ page }).include(selector).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const found = results.violations.filter((v) => v.impact === 'moderate' || v.impact === 'serious' || v.impact === 'critical');
  expect(
    found.map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes[0]?.target.join(' ')})`),
    `accessibility findings (moderate or worse) in ${name}`,
  ).toEqual([]);
}
