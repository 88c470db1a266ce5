import { useEffect, useRef, useState } from 'react';
import type { WatchView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { useApi } from '../../state/HostContext';
import { useEngineEvents } from '../../state/useEngineEvents';

/** The list is read again at most this often while the queue moves (each folder's count of files still to upload). */
const RECOUNT_MS = 1_000;

/** Watched folders with their live state (watchesChanged events carry the whole list; queue changes update the counts). */
export function useWatches() {
  const api = useApi();
  const [watches, setWatches] = useState<WatchView[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const recount = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => {
    let live = true;
    void api.listWatches().then((result) => {
      if (!live) return;
      if (result.ok) setWatches(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
      if (recount.current) clearTimeout(recount.current);
    };
  }, [api]);
  useEngineEvents((events) => {
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const event = events[i];
      if (event.type === 'watchesChanged') return setWatches(event.watches);
    }
    if (recount.current || !events.some((event) => event.type === 'statusChanged')) return;
    recount.current = setTimeout(() => {
      recount.current = null;
      void api.listWatches().then((result) => result.ok && setWatches(result.value));
    }, RECOUNT_MS);
  });
  return { watches, setWatches, error };
}
