import { useCallback, useRef } from 'react';
import type { UploadTarget } from '../../../shared/api';
import { useApi } from '../../state/HostContext';
import { useNotices } from '../../state/NoticesContext';

/** Queues paths for the chosen target and says what happened; "Looking for photos…" lasts exactly as long as the scan. */
export function useAddPaths(target: UploadTarget) {
  const api = useApi();
  const { notify } = useNotices();
  const scans = useRef(0);
  return useCallback(
    async (paths: string[]): Promise<boolean> => {
      if (paths.length === 0) return false;
      const key = `scan:${++scans.current}`;
      notify('info', `Looking for photos in ${paths.length === 1 ? paths[0] : `${paths.length} places`}…`, { key });
      const result = await api.addPaths(paths, target);
      if (!result.ok) {
        notify('error', result.error.message, { key });
        return false;
      }
      notify('info', `${result.value.queued} ${result.value.queued === 1 ? 'photo' : 'photos'} added to the queue.`, { key });
      return true;
    },
    [api, notify, target],
  );
}
