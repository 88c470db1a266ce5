import { useEffect, useState } from 'react';
import type { PhotoDetails } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { useApi } from '../../state/HostContext';

export function usePhotoDetails(jobId: number | null) {
  const api = useApi();
  const [details, setDetails] = useState<PhotoDetails | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  useEffect(() => {
    setDetails(null);
    setError(null);
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
  }, [api, jobId]);
  return { details, error, setDetails };
}
