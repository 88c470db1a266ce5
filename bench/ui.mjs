/**
 * UI: `pixdrop serve` with a queue of N files, opened in Chromium through Playwright. Measured in
 * the page itself: time from navigation start to the first queue row in the DOM, frame times
 * (requestAnimationFrame deltas) while the engine works through the queue, and engine events per
 * second reaching the renderer (counted on its WebSocket).
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { cliPath, repoRoot, workersDir } from './lib/paths.mjs';
import { percentile } from './lib/format.mjs';
import { linkFarm } from './lib/photos.mjs';
import { lastJson, runNode, startMeasured } from './lib/proc.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

const CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const WATCH_MS = 5000;
const SCROLL_MS = 5000;

/**
 * Scrolls the queue from top to bottom in SCROLL_MS, one step per frame, and counts the frame
 * times; then waits a moment at the bottom for the thumbnails there (read lazily, on screen only).
 */
async function scrollQueue(page) {
  const frames = await page.locator('[data-testid="job-list"]').evaluate(async (element, ms) => {
    const times = [];
    const distance = element.scrollHeight - element.clientHeight;
    const started = performance.now();
    let last = started;
    await new Promise((resolve) => {
      const step = (now) => {
        times.push(now - last);
        last = now;
        const progress = Math.min(1, (now - started) / ms);
        element.scrollTop = distance * progress;
        if (progress < 1) requestAnimationFrame(step);
        else resolve();
      };
      requestAnimationFrame(step);
    });
    return times.slice(1);
  }, SCROLL_MS);
  await page.waitForSelector('[data-testid="job-thumbnail"]', { timeout: 10_000 }).catch(() => undefined);
  const thumbnails = await page.locator('[data-testid="job-thumbnail"]').count();
  return { frames, thumbnails };
}

/** Installed before the app's scripts: frame clock, first-row observer, WebSocket event counter. */
function instrument() {
  const m = (window.__bench = { firstRowAt: null, frames: [], messages: 0, events: 0, recording: false });
  const Socket = window.WebSocket;
  window.WebSocket = class extends Socket {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (message) => {
        if (!m.recording) return;
        m.messages += 1;
        try {
          const parsed = JSON.parse(String(message.data));
          m.events += Array.isArray(parsed) ? parsed.length : 1;
        } catch {
          /* not an event batch */
        }
      });
    }
  };
  new MutationObserver((_, observer) => {
    if (document.querySelector('[data-testid="job-row"]')) {
      m.firstRowAt = performance.now();
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
  let last = null;
  const tick = (t) => {
    if (m.recording && last !== null) m.frames.push(t - last);
    last = t;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

function waitForUrl(running) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('pixdrop serve printed no address within 60 s')), 60_000);
    const check = setInterval(() => {
      const match = /(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(running.stdout());
      if (match) {
        clearInterval(check);
        clearTimeout(timer);
        resolve(match[1]);
      }
    }, 20);
    running.done.then((r) => reject(new Error(`pixdrop serve exited (${r.code ?? r.signal}): ${r.stderr.slice(-500)}`)));
  });
}

function unavailable() {
  if (!existsSync(CHROMIUM)) return `${CHROMIUM} is not installed`;
  if (!existsSync(path.join(repoRoot, 'out/renderer/index.html'))) return 'the UI is not built (out/renderer/index.html is missing)';
  return null;
}

export async function benchUi(engine, o) {
  const reason = unavailable();
  if (reason) return { notMeasured: reason };
  const { chromium } = await import('@playwright/test');
  const dir = tempDir('pixdrop-bench-ui-');
  const stack = await startStack(engine);
  let serve = null;
  let browser = null;
  let result = null;
  try {
    const folder = linkFarm(path.join(dir, 'farm'), o.jobs);
    const env = stack.envFor(path.join(dir, 'data'), { PIXDROP_LOG_LEVEL: 'error' });
    const filled = lastJson(
      (await runNode(path.join(workersDir, 'engine-memory.mjs'), [o.bundle, folder], { env, nodeArgs: ['--expose-gc'], timeoutMs: 600_000 })).stdout,
    );
    o.log(`  ui: ${filled.queued} files queued`);
    let stdout = '';
    const started = startMeasured(process.execPath, [cliPath, 'serve'], { env, onStdout: (s) => (stdout += s) });
    serve = { ...started, stdout: () => stdout };
    const url = await waitForUrl(serve);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ARGS });
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript(instrument);
    // BENCH_UI_VIEW=list measures the list view; the default is the window's default (the grid of photos).
    if (o.view) await page.addInitScript((view) => localStorage.setItem('pixdrop.view.queue', view), o.view);
    await page.goto(url);
    await page.waitForSelector('[data-testid="job-row"]', { timeout: 60_000 });
    const timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const resources = performance.getEntriesByType('resource');
      const script = resources.find((e) => e.name.endsWith('.js'));
      const firstPage = resources.find((e) => e.name.includes('/api/listJobs'));
      return {
        firstRowAt: window.__bench.firstRowAt,
        domContentLoaded: nav?.domContentLoadedEventEnd ?? null,
        scriptArrivedAt: script?.responseEnd ?? null,
        firstPageAskedAt: firstPage?.startTime ?? null,
        firstPageAt: firstPage?.responseEnd ?? null,
      };
    });
    await page.evaluate(() => (window.__bench.recording = true));
    await page.waitForTimeout(WATCH_MS);
    const watched = await page.evaluate(() => {
      window.__bench.recording = false;
      return { frames: window.__bench.frames, messages: window.__bench.messages, events: window.__bench.events };
    });
    const scrolled = await scrollQueue(page);
    const counts = await page
      .locator('[data-testid="queue-counts"]')
      .textContent()
      .catch(() => null);
    const frames = watched.frames;
    result = {
      jobs: o.jobs,
      view: await page.locator('[data-testid="job-list"]').getAttribute('data-view'),
      browserVersion: browser.version(),
      firstRenderMs: timing.firstRowAt,
      domContentLoadedMs: timing.domContentLoaded,
      scriptArrivedMs: timing.scriptArrivedAt,
      firstPageAskedMs: timing.firstPageAskedAt,
      firstPageMs: timing.firstPageAt,
      // The renderer's own share: from the first page of jobs arriving to its rows in the DOM.
      renderAfterDataMs: timing.firstRowAt !== null && timing.firstPageAt !== null ? timing.firstRowAt - timing.firstPageAt : null,
      frameP50Ms: percentile(frames, 50),
      frameP95Ms: percentile(frames, 95),
      frameMaxMs: frames.length ? Math.max(...frames) : null,
      longFrames: frames.filter((f) => f > 50).length,
      frameCount: frames.length,
      scrollFrameP50Ms: percentile(scrolled.frames, 50),
      scrollFrameP95Ms: percentile(scrolled.frames, 95),
      scrollLongFrames: scrolled.frames.filter((f) => f > 50).length,
      scrollFrameCount: scrolled.frames.length,
      thumbnailsShown: scrolled.thumbnails,
      eventsPerSecond: watched.events / (WATCH_MS / 1000),
      messagesPerSecond: watched.messages / (WATCH_MS / 1000),
      queueCountsShown: counts?.trim() ?? null,
      servePeakRss: null,
    };
    result.rows = [
      [
        'First queue row in the DOM, from navigation start',
        `${result.firstRenderMs?.toFixed(0)} ms (DOMContentLoaded at ${result.domContentLoadedMs?.toFixed(0)} ms)`,
      ],
      [
        'Where that time goes',
        `script bundle arrives ${result.scriptArrivedMs?.toFixed(0)} ms; first listJobs asked ${result.firstPageAskedMs?.toFixed(0)} ms, answered ${result.firstPageMs?.toFixed(0)} ms; rows rendered ${result.renderAfterDataMs?.toFixed(0)} ms after the data`,
      ],
      [
        `Frame time while the engine works (${WATCH_MS / 1000} s, ${frames.length} frames)`,
        `p50 ${result.frameP50Ms?.toFixed(1)} ms, p95 ${result.frameP95Ms?.toFixed(1)} ms, max ${result.frameMaxMs?.toFixed(1)} ms, ${result.longFrames} frames > 50 ms`,
      ],
      [
        `Frame time scrolling the queue top to bottom (${SCROLL_MS / 1000} s, ${scrolled.frames.length} frames, ${scrolled.thumbnails} thumbnails on screen at the end)`,
        `p50 ${result.scrollFrameP50Ms?.toFixed(1)} ms, p95 ${result.scrollFrameP95Ms?.toFixed(1)} ms, ${result.scrollLongFrames} frames > 50 ms`,
      ],
      ['Engine events reaching the renderer', `${result.eventsPerSecond.toFixed(0)} events/s in ${result.messagesPerSecond.toFixed(1)} WebSocket messages/s`],
      ['Queue counts shown at the end', result.queueCountsShown ?? 'n/a'],
    ];
    o.log(
      `  ui: first row ${result.firstRenderMs?.toFixed(0)} ms (render after data ${result.renderAfterDataMs?.toFixed(0)} ms), frames p95 ${result.frameP95Ms?.toFixed(1)} ms, ${result.eventsPerSecond.toFixed(0)} events/s`,
    );
    return result;
  } finally {
    await browser?.close().catch(() => undefined);
    if (serve) {
      serve.child.kill('SIGINT');
      const killer = setTimeout(() => serve.child.kill('SIGKILL'), 10_000);
      const ended = await serve.done;
      clearTimeout(killer);
      if (result && ended.peakRss) {
        result.servePeakRss = ended.peakRss;
        result.rows.push(['`pixdrop serve` peak RSS during the run', `${(ended.peakRss / 1e6).toFixed(1)} MB`]);
      }
    }
    await stack.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
