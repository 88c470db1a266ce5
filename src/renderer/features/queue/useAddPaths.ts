import { useCallback, useRef } from 'react';
import type { FolderRules, UploadTarget } from '../../../shared/api';
import { cleanRules } from '../../lib/folderRules';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { useNotices } from '../../state/NoticesContext';

/** Queues paths for the chosen target and says what happened; "Looking for photos…" lasts exactly as long as the scan. */
export function useAddPaths(target: UploadTarget, rules: FolderRules = {}) {
  const t = useT();
  const api = useApi();
  const { notify } = useNotices();
  const scans = useRef(0);
  return useCallback(
    async (paths: string[]): Promise<boolean> => {
      if (paths.length === 0) return false;
      const key = `scan:${++scans.current}`;
      notify('info', paths.length === 1 ? t('add.looking', { place: paths[0] }) : t('add.lookingMany', { count: paths.length }), { key });
      const result = await api.addPaths(paths, target, cleanRules(rules));
      if (!result.ok) {
        notify('error', result.error.message, { key });
        return false;
      }
      notify('info', t('add.queued', { count: result.value.queued }), { key });
      return true;
    },
    [api, notify, target, rules, t],
  );
}
