/** EngineStatus: fetched once, then kept current by statusChanged events. */
import { useEffect, useState } from 'react';
import type { EngineStatus } from '../../shared/api';
import { useApi } from './HostContext';
import { useEngineEvents } from './useEngineEvents';

export function useStatus(): EngineStatus | null {
  const api = useApi();
  const [status, setStatus] = useState<EngineStatus | null>(null);
  useEffect(() => {
    let live = true;
    void api.getStatus().then((result) => live && result.ok && setStatus(result.value));
    return () => {
      live = false;
    };
  }, [api]);
  useEngineEvents((events) => {
    for (let i = events.length - 1; i >= 0; i -= 1) {
      const event = events[i];
      if (event.type === 'statusChanged') return setStatus(event.status);
    }
  });
  return status;
}
