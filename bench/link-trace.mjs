/**
 * Where the time goes on a simulated line: one set through one profile for the chosen uploaders, with
 * each connection's bytes as the link delivered them (bench/lib/link.mjs trace), the idle stretches of
 * the uplink, and a 100 ms timeline. Not part of BENCHMARKS.md.
 *
 *   node bench/link-trace.mjs <profile> <photo|raw> <count> [contender,…] [--runs N]
 *   e.g. node bench/link-trace.mjs home raw 2 pixdrop-3,pixdrop,sdk-3
 */
import path from 'node:path';
import { rmSync } from 'node:fs';
import { CONTENDERS, makeSet } from './link.mjs';
import { LINK_PROFILES, startLink } from './lib/link.mjs';
import { bundleEngine } from './lib/bundle.mjs';
import { startStack, tempDir } from './lib/stack.mjs';

const [name = 'home', kind = 'raw', countArg = '2', who = 'pixdrop-3,pixdrop', ...rest] = process.argv.slice(2);
const runs = rest[0] === '--runs' ? Number(rest[1]) : 1;
const verbose = process.env.TRACE_VERBOSE === '1';
const MB = 1_000_000;
const profile = LINK_PROFILES[name];
const rate = profile.bitsPerSecond / 8;
const engine = await import(await bundleEngine());
const dir = tempDir('pixdrop-link-trace-');
const stack = await startStack(engine);
stack.cloudinary.setFaults({ processingMs: profile.serverMs });
const link = await startLink({
  targetPort: stack.cloudinary.port,
  bitsPerSecond: profile.bitsPerSecond,
  rttMs: profile.rttMs,
  trace: true,
  fromFirstPost: process.env.TRACE_FROM_ANY !== '1',
});
const size = (kind === 'raw' ? 25 : 3) * MB;
const set = makeSet(dir, kind, Number(countArg), size, kind === 'raw' ? 500 : 1);

/** Uplink idle stretches ≥ 15 ms between the first and the last byte up (10 ms bins, all connections). */
function idle(conns, t0) {
  const bins = new Map();
  for (const c of conns) for (const [at, n] of c.up) bins.set(at, (bins.get(at) ?? 0) + n);
  const times = [...bins.keys()].sort((a, b) => a - b);
  const gaps = [];
  for (let i = 1; i < times.length; i += 1) if (times[i] - times[i - 1] > 15) gaps.push([times[i - 1] - t0 + 10, times[i] - times[i - 1] - 10]);
  return { gaps, lastUp: times.at(-1) - t0 + 10 };
}

// TRACE_NODE_OPTIONS: node options for the uploaders only (e.g. --cpu-prof, or --require of a CPU-time report).
if (process.env.TRACE_NODE_OPTIONS) process.env.NODE_OPTIONS = process.env.TRACE_NODE_OPTIONS;
try {
  for (let r = 0; r < runs; r += 1) {
    for (const id of who.split(',')) {
      const c = CONTENDERS.find((x) => x.id === id);
      link.reset();
      await c.run(stack, link, set, `trace-${id}-${Date.now()}`);
      const s = link.stats();
      const { firstUpAt: t0, connections } = link.trace();
      const used = connections.filter((x) => x.up.length);
      const { gaps, lastUp } = idle(used, t0);
      const idleMs = gaps.reduce((a, g) => a + g[1], 0);
      const sendMs = (s.up / rate) * 1000;
      const firstPost = Math.min(...used.flatMap((x) => x.requests.filter(([, l]) => l.startsWith('POST')).map(([at]) => at - t0)));
      const fromPost = s.up / (rate * ((s.activeMs - firstPost) / 1000));
      console.log(
        `${id}: use ${(s.use * 100).toFixed(1)} % (${(fromPost * 100).toFixed(1)} % from the first POST at ${firstPost.toFixed(0)} ms), active ${s.activeMs.toFixed(0)} ms (send at line rate ${sendMs.toFixed(0)}), last byte up at ${lastUp.toFixed(0)} ms, tail ${(s.activeMs - lastUp).toFixed(0)} ms, uplink idle ${idleMs.toFixed(0)} ms in ${gaps.length} gaps, ${used.length} connections`,
      );
      if (verbose) {
        for (const x of used) {
          const bytes = x.up.reduce((a, b) => a + b[1], 0);
          const f = (v) => (v === undefined ? '-' : (v - t0).toFixed(0));
          for (const [at, line] of x.requests) console.log(`   conn ${x.id} at ${(at - t0).toFixed(0)}: ${line}`);
          console.log(
            `   conn ${x.id}: open ${f(x.openAt)} up ${f(x.up[0]?.[0])}–${f(x.up.at(-1)?.[0])} (${(bytes / MB).toFixed(1)} MB) down ${f(x.down[0]?.[0])}–${f(x.down.at(-1)?.[0])}`,
          );
        }
        console.log(`   gaps (at ms, length ms): ${gaps.map(([a, l]) => `${a.toFixed(0)}+${l.toFixed(0)}`).join(' ')}`);
      }
    }
  }
} finally {
  await link.close();
  await stack.close();
  rmSync(dir, { recursive: true, force: true });
}
