/** Where new photos go: one album, or one album per top-level folder. */
import { useId } from 'react';
import type { UploadTarget } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { useAlbumList } from '../../state/AlbumsContext';

const PER_FOLDER = '__per-folder__';

export function targetKey(target: UploadTarget | null): string {
  if (!target) return '';
  return 'albumId' in target ? target.albumId : PER_FOLDER;
}

export function TargetPicker(props: { label?: string; value: UploadTarget | null; onChange(target: UploadTarget): void; testId?: string }) {
  const t = useT();
  const id = useId();
  const { albums } = useAlbumList();
  return (
    <div className="field-inline">
      <label htmlFor={id}>{props.label ?? t('target.label')}</label>
      <select
        id={id}
        data-testid={props.testId ?? 'target-picker'}
        value={targetKey(props.value)}
        onChange={(event) => props.onChange(event.target.value === PER_FOLDER ? { albumFromFolder: true } : { albumId: event.target.value })}
      >
        <option value="" disabled>
          {t('target.choose')}
        </option>
        <option value={PER_FOLDER}>{t('target.perFolder')}</option>
        {(albums ?? []).map((album) => (
          <option key={album.id} value={album.id}>
            {album.name}
          </option>
        ))}
      </select>
    </div>
  );
}
