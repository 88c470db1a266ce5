/**
 * Reads V8 .cpuprofile files (node --cpu-prof) and lists where the time went: self time per
 * function (native and library frames included), and inclusive time per function of our own
 * source (mapped back from the bundles to src/ through their source maps), so the report can
 * name the file and function that dominate.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { SourceMap } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const maps = new Map();
function sourceMapFor(url) {
  if (!maps.has(url)) {
    let map = null;
    try {
      const file = fileURLToPath(url);
      if (existsSync(`${file}.map`)) map = new SourceMap(JSON.parse(readFileSync(`${file}.map`, 'utf8')));
    } catch {
      map = null;
    }
    maps.set(url, map);
  }
  return maps.get(url);
}

function shortPath(p) {
  const clean = p.replace(/^file:\/\//, '');
  const nm = clean.lastIndexOf('node_modules/');
  if (nm >= 0) return clean.slice(nm + 'node_modules/'.length);
  const src = clean.lastIndexOf('src/');
  if (src >= 0) return clean.slice(src);
  return path.basename(clean);
}

/** "function file:line", mapped to the TypeScript source when the frame is in a bundle. */
function frameKey(f) {
  const name = f.functionName || '(anonymous)';
  if (!f.url) return { key: `${name} (native)`, ours: false };
  const map = f.url.startsWith('file:') ? sourceMapFor(f.url) : null;
  const entry = map?.findEntry(f.lineNumber, f.columnNumber);
  if (entry?.originalSource) {
    const where = shortPath(entry.originalSource);
    return { key: `${name} ${where}:${entry.originalLine + 1}`, ours: where.startsWith('src/') };
  }
  return { key: `${name} ${shortPath(f.url)}:${f.lineNumber + 1}`, ours: false };
}

function load(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
}

const ranked = (totals, all, n) =>
  [...totals.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([where, ms]) => ({ where, ms, share: all ? ms / all : 0 }));

/** Self time by function and inclusive time by our own functions, across every profile in `dir`. */
export function summarizeProfiles(dir, n = 12) {
  const self = new Map();
  const inclusive = new Map();
  let all = 0;
  for (const profile of load(dir)) {
    const byId = new Map(profile.nodes.map((node) => [node.id, node]));
    const parent = new Map();
    for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
    const keys = new Map(profile.nodes.map((node) => [node.id, frameKey(node.callFrame)]));
    profile.samples.forEach((id, i) => {
      const dt = (profile.timeDeltas[i] ?? 0) / 1000;
      all += dt;
      const own = keys.get(id).key;
      self.set(own, (self.get(own) ?? 0) + dt);
      const seen = new Set();
      for (let at = id; at !== undefined; at = parent.get(at)) {
        const k = keys.get(at);
        if (!k.ours || seen.has(k.key)) continue;
        seen.add(k.key);
        inclusive.set(k.key, (inclusive.get(k.key) ?? 0) + dt);
      }
      void byId;
    });
  }
  return { totalMs: all, self: ranked(self, all, n), inclusive: ranked(inclusive, all, n) };
}
