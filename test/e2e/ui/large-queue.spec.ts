/**
 * 50,000 files in the queue: the list stays virtualized (a few dozen rows in the DOM), scrolls
 * end to end and keeps taking updates while the engine works through the files, without the page
 * freezing. Frame times and long tasks are measured in the page and printed.
 */
import { expect, test } from '@playwright/test';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { captureScreen } from './support/screens';
import { addFolderByPath } from './support/actions';
import { startServe, tempDir, type ServeProcess } from './support/serve';

const FILES = 50_000;
const PER_FOLDER = 1_000;

let serve: ServeProcess;
let libraryDir: string;

test.beforeAll(async () => {
  // Empty .jpg files: each is a real queue entry that fails quickly (EMPTY_FILE), so the engine
  // streams tens of thousands of row changes while the list is being scrolled.
  libraryDir = path.join(tempDir('pixdrop-e2e-large-'), 'Card');
  for (let folder = 0; folder < FILES / PER_FOLDER; folder += 1) {
    const dir = path.join(libraryDir, `roll-${String(folder).padStart(3, '0')}`);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < PER_FOLDER; i += 1) writeFileSync(path.join(dir, `IMG_${String(folder * PER_FOLDER + i).padStart(5, '0')}.jpg`), '');
  }
  serve = await startServe();
});

test.afterAll(async () => {
  await serve?.stop();
});

interface FrameReport {
  frames: number;
  p50: number;
  p95: number;
  worstFrame: number;
  longTasks: number;
  longestTask: number;
  longTaskTotal: number;
}

test('a queue of 50,000 files scrolls and updates without freezing', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto(serve.url);
  await addFolderByPath(page, libraryDir);
  const counts = page.getByTestId('queue-counts');
  await expect(counts).toContainText(`${FILES.toLocaleString('en')} files`, { timeout: 240_000 });

  const list = page.getByTestId('job-list');
  await expect(list.getByRole('listitem').first()).toHaveAttribute('aria-setsize', String(FILES));

  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: number[] };
    w.__longTasks = [];
    new PerformanceObserver((entries) => entries.getEntries().forEach((entry) => w.__longTasks.push(entry.duration))).observe({ type: 'longtask' });
  });
  // Scroll from top to bottom over about six seconds while the engine keeps changing rows.
  const report = await list.evaluate(async (element): Promise<FrameReport> => {
    const frames: number[] = [];
    const distance = element.scrollHeight - element.clientHeight;
    const started = performance.now();
    let last = started;
    await new Promise<void>((resolve) => {
      const step = (now: number) => {
        frames.push(now - last);
        last = now;
        const progress = Math.min(1, (now - started) / 6000);
        element.scrollTop = distance * progress;
        if (progress < 1) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    const sorted = [...frames.slice(1)].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    const longTasks = (window as unknown as { __longTasks: number[] }).__longTasks;
    return {
      frames: sorted.length,
      p50: at(0.5),
      p95: at(0.95),
      worstFrame: sorted[sorted.length - 1],
      longTasks: longTasks.length,
      longestTask: Math.max(0, ...longTasks),
      longTaskTotal: longTasks.reduce((sum, d) => sum + d, 0),
    };
  });
  const round = (n: number) => Math.round(n * 10) / 10;
  console.log(
    `50,000-file queue scroll: ${report.frames} frames in 6 s, frame p50 ${round(report.p50)} ms, p95 ${round(report.p95)} ms, ` +
      `worst ${round(report.worstFrame)} ms; long tasks ${report.longTasks} (longest ${round(report.longestTask)} ms, total ${round(report.longTaskTotal)} ms)`,
  );

  // Only the visible rows exist, the last file is reachable, and rows fill in after the jump.
  const rendered = await list.getByRole('listitem').count();
  expect(rendered).toBeLessThan(100);
  await expect(list.getByRole('listitem').last()).toHaveAttribute('aria-posinset', String(FILES));
  await expect(list.getByTestId('job-row').last()).toBeVisible();
  await captureScreen(page, '09-queue-50000');

  // Smooth enough to use: most frames on time, and no freeze anywhere near a second.
  expect(report.frames).toBeGreaterThan(60);
  expect(report.p95).toBeLessThan(120);
  expect(report.longestTask).toBeLessThan(1000);
});
