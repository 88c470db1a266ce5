/**
 * Before anything starts: where each added folder goes — the chosen album, or with "One album per
 * folder" the album named after it, said to exist already or to be created.
 */
import { useEffect, useRef } from 'react';
import type { UploadTarget } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { targetAlbums } from '../../lib/targetAlbums';
import { useAlbumList } from '../../state/AlbumsContext';
import { TargetPicker } from '../albums/TargetPicker';

export function AddConfirmDialog(props: { paths: string[]; target: UploadTarget; onTarget(target: UploadTarget): void; onStart(): void; onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const { albums } = useAlbumList();
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const rows = targetAlbums(props.paths, props.target, albums ?? []);
  const start = () => {
    props.onStart();
    dialog.current?.close();
  };
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="confirm-heading" onClose={props.onClose} data-testid="add-confirm">
      <header className="panel-header">
        <h2 id="confirm-heading">{t('confirm.title')}</h2>
      </header>
      <div className="confirm-body">
        <TargetPicker value={props.target} onChange={props.onTarget} testId="confirm-target" />
        <h3>{t('confirm.albumsHeading')}</h3>
        <ul className="confirm-list" data-testid="target-albums">
          {rows.map((row) => (
            <li key={row.path} data-testid="target-album">
              <span className="confirm-path" title={row.path}>
                {row.path}
              </span>
              <span aria-hidden="true"> → </span>
              <strong className="confirm-album">{row.albumName}</strong>{' '}
              <span className="hint">
                {row.existing ? t('confirm.existingAlbum', { photos: t('albums.photos', { count: row.existing.images_count }) }) : t('confirm.newAlbum')}
              </span>
            </li>
          ))}
        </ul>
      </div>
      <footer className="panel-footer">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          {t('confirm.cancel')}
        </button>
        <button type="button" onClick={start} autoFocus>
          {t('confirm.start')}
        </button>
      </footer>
    </dialog>
  );
}
