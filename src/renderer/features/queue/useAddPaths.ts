import { useCallback } from 'react';
import type { UploadTarget } from '../../../shared/api';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

/** Queues paths for the chosen target and says what happened. */
export function useAddPaths(target: UploadTarget) {
  const api = useApi();
  const notify = useNotify();
  return useCallback(
    async (paths: string[]): Promise<boolean> => {
      if (paths.length === 0) return false;
      notify('info', `Looking for photos in ${paths.length === 1 ? paths[0] : `${paths.length} places`}…`);
      const result = await api.addPaths(paths, target);
      if (!result.ok) {
        notify('error', result.error.message);
        return false;
      }
      notify('info', `${result.value.queued} ${result.value.queued === 1 ? 'photo' : 'photos'} added to the queue.`);
      return true;
    },
    [api, notify, target],
  );
}
