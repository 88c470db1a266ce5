/**
 * The files found and not uploaded since the engine started (contract §1: nothing is dropped silently), for the
 * UI's "Not uploaded" list. A path is kept once, with its latest reason: a watched folder's rescans find the same
 * files again and say nothing new. Bounded, oldest forgotten first; in memory only (a restart's scans find them again).
 */
import type { EngineEvent, IgnoredEntry, IgnoredFile } from '../../../shared/api';

export const MAX_IGNORED_KEPT = 10_000;

export interface IgnoredLog {
  /** Notes what a scan left out; emits `filesIgnored` with what is new. */
  add(items: IgnoredEntry[]): void;
  /** Newest first. */
  list(): IgnoredFile[];
}

export function createIgnoredLog(o: { now(): number; emit(event: EngineEvent): void; max?: number }): IgnoredLog {
  const max = o.max ?? MAX_IGNORED_KEPT;
  const byPath = new Map<string, IgnoredFile>();
  return {
    add(items) {
      const fresh: IgnoredFile[] = [];
      for (const item of items) {
        if (byPath.get(item.path)?.reason === item.reason) continue;
        byPath.delete(item.path); // re-inserted: a Map keeps insertion order, oldest first
        const entry = { ...item, at: o.now() };
        byPath.set(item.path, entry);
        fresh.push(entry);
      }
      for (const oldest of byPath.keys()) {
        if (byPath.size <= max) break;
        byPath.delete(oldest);
      }
      if (fresh.length > 0) o.emit({ type: 'filesIgnored', files: fresh });
    },
    list: () => [...byPath.values()].reverse(),
  };
}
