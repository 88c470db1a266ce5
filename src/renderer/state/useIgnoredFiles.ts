/** The files found and not uploaded, newest first, kept current by `filesIgnored` events (no reload). */
import { useEffect, useState } from 'react';
import type { IgnoredFile } from '../../shared/api';
import { useApi } from './HostContext';
import { useEngineEvents } from './useEngineEvents';

export function useIgnoredFiles(): IgnoredFile[] {
  const api = useApi();
  const [files, setFiles] = useState<IgnoredFile[]>([]);
  useEffect(() => {
    let live = true;
    void api.listIgnored().then((result) => {
      // Events that arrived while the list was asked for are newer: they stay on top.
      if (live && result.ok) setFiles((current) => merge(result.value, current));
    });
    return () => {
      live = false;
    };
  }, [api]);
  useEngineEvents((events) => {
    // Each event lists files in the order they were found: the newest is the last.
    const fresh = events.flatMap((event) => (event.type === 'filesIgnored' ? event.files : []));
    if (fresh.length > 0) setFiles((current) => merge(current, [...fresh].reverse()));
  });
  return files;
}

/** `newer` first; a path is listed once, with its latest reason. */
function merge(older: IgnoredFile[], newer: IgnoredFile[]): IgnoredFile[] {
  const seen = new Set(newer.map((f) => f.path));
  return [...newer, ...older.filter((f) => !seen.has(f.path))];
}
