/** Cancels through the API and says how it went (a notice with the count, or the error). */
import { useCallback } from 'react';
import type { CancelTarget } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function useCancel(): (target: CancelTarget) => Promise<void> {
  const api = useApi();
  const notify = useNotify();
  const t = useT();
  return useCallback(
    async (target: CancelTarget) => {
      const result = await api.cancelJobs(target);
      if (result.ok) notify('info', t('cancel.done', { count: result.value.cancelled }));
      else notify('error', result.error.message);
    },
    [api, notify, t],
  );
}
