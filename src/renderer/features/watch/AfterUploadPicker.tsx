import { useId } from 'react';
import type { AfterUpload } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';

/** What happens to a watched folder's files once each photo is verified in its album: kept, moved to a folder, deleted. */
export function AfterUploadPicker(props: { value: AfterUpload; onChange(value: AfterUpload): void }) {
  const t = useT();
  const id = useId();
  const { value } = props;
  const pick = (action: string) => props.onChange(action === 'move' ? { action: 'move', dir: '' } : { action: action as 'keep' | 'delete' });
  return (
    <>
      <label htmlFor={`${id}-action`}>{t('watch.afterUpload')}</label>
      <select id={`${id}-action`} value={value.action} onChange={(event) => pick(event.target.value)} data-testid="watch-after-upload">
        <option value="keep">{t('watch.after.keep')}</option>
        <option value="move">{t('watch.after.move')}</option>
        <option value="delete">{t('watch.after.delete')}</option>
      </select>
      {value.action === 'move' && (
        <>
          <label htmlFor={`${id}-dir`}>{t('watch.moveDirLabel')}</label>
          <input
            id={`${id}-dir`}
            value={value.dir}
            onChange={(event) => props.onChange({ action: 'move', dir: event.target.value })}
            spellCheck={false}
            placeholder="/home/me/Pictures/from-card"
            data-testid="watch-move-dir"
          />
        </>
      )}
    </>
  );
}
