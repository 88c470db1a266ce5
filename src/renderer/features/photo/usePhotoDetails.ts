import { useEffect, useState } from 'react';
import type { PhotoDetails } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { useApi } from '../../state/HostContext';
import { useEngineEvents } from '../../state/useEngineEvents';

export function usePhotoDetails(jobId: number | null) {
  const api = useApi();
  const [details, setDetails] = useState<PhotoDetails | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    setDetails(null);
    setError(null);
  }, [jobId]);
  useEffect(() => {
    if (jobId === null) return;
    let live = true;
    void api.getPhoto(jobId).then((result) => {
      if (!live) return;
      if (result.ok) setDetails(result.value);
      else setError(result.error);
    });
    return () => {
      live = false;
    };
  }, [api, jobId, version]);
  // An edit kept while the backend was unreachable is sent later by the engine: while one is
  // pending, each change of this photo's job is read again, so the panel says when it has gone.
  useEngineEvents((events) => {
    if (jobId === null || !details?.pendingEdit) return;
    if (events.some((event) => event.type === 'jobsChanged' && event.jobs.some((job) => job.id === jobId))) setVersion((v) => v + 1);
  });
  return { details, error, setDetails };
}
