import { useEffect, useState } from 'react';
import type { WatchView } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { useApi } from '../../state/HostContext';
import { useEngineEvents } from '../../state/useEngineEvents';

/** Watched folders with their live state (watchesChanged events carry the whole list). */
export function useWatches() {
  const api = useApi();
  const [watches, setWatches] = useState<WatchView[] | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  useEffect(() => {
    let live = true;
    void api.listWatches().then((result) => {
      if (!live) return;
      if (result.ok) setWatches(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api]);
  useEngineEvents((events) => {
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const event = events[i];
      if (event.type === 'watchesChanged') return setWatches(event.watches);
    }
  });
  return { watches, setWatches, error };
}
