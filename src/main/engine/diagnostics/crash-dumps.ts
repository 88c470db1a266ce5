/**
 * Where the desktop app's crash reporter keeps its dumps (local only, never uploaded) and how many
 * there are. Crashpad files completed dumps as `*.dmp` under completed/, pending/, new/ or
 * reports/ depending on the platform, so every .dmp below the folder counts.
 */
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';

export interface CrashDumpSummary {
  dir: string;
  count: number;
  /** ms since the epoch of the newest dump, null when there is none. */
  newestAt: number | null;
}

export function crashDumpsDir(dataDir: string): string {
  return path.join(dataDir, 'crash-dumps');
}

export function summarizeCrashDumps(dataDir: string): CrashDumpSummary {
  const dir = crashDumpsDir(dataDir);
  let count = 0;
  let newestAt: number | null = null;
  for (const file of dumpFiles(dir, 3)) {
    count += 1;
    const at = statSync(file, { throwIfNoEntry: false })?.mtimeMs ?? null;
    if (at !== null && (newestAt === null || at > newestAt)) newestAt = Math.round(at);
  }
  return { dir, count, newestAt };
}

function dumpFiles(dir: string, depth: number): string[] {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return []; // no dumps yet: the folder appears with the first one
  }
  return entries.flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return depth > 0 ? dumpFiles(full, depth - 1) : [];
    return entry.isFile() && entry.name.endsWith('.dmp') ? [full] : [];
  });
}
