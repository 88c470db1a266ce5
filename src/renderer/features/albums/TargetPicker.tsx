/** Where new photos go: one album, or one album per top-level folder. */
import { useId } from 'react';
import type { UploadTarget } from '../../../shared/api';
import { useAlbumList } from '../../state/AlbumsContext';

const PER_FOLDER = '__per-folder__';

export function targetKey(target: UploadTarget | null): string {
  if (!target) return '';
  return 'albumId' in target ? target.albumId : PER_FOLDER;
}

export function TargetPicker(props: { label?: string; value: UploadTarget | null; onChange(target: UploadTarget): void; testId?: string }) {
  const id = useId();
  const { albums } = useAlbumList();
  return (
    <div className="field-inline">
      <label htmlFor={id}>{props.label ?? 'Upload to'}</label>
      <select
        id={id}
        data-testid={props.testId ?? 'target-picker'}
        value={targetKey(props.value)}
        onChange={(event) =>
          props.onChange(event.target.value === PER_FOLDER ? { albumFromFolder: true } : { albumId: event.target.value })
        }
      >
        <option value="" disabled>
          Choose an album…
        </option>
        <option value={PER_FOLDER}>One album per folder</option>
        {(albums ?? []).map((album) => (
          <option key={album.id} value={album.id}>
            {album.name}
          </option>
        ))}
      </select>
    </div>
  );
}
