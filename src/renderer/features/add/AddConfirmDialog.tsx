/**
 * Before anything starts: where each added folder goes — the chosen album, or with "One album per
 * folder" the album named after it, said to exist already or to be created — the folder options, and a
 * Preview: the engine's dry run of exactly this drop (nothing sent), until Start.
 */
import { useEffect, useRef, useState } from 'react';
import type { FolderRules, PlanView, UploadTarget } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { cleanRules } from '../../lib/folderRules';
import { targetAlbums } from '../../lib/targetAlbums';
import { useAlbumList } from '../../state/AlbumsContext';
import { useApi } from '../../state/HostContext';
import { TargetPicker } from '../albums/TargetPicker';
import { FolderOptionsFields } from './FolderOptionsFields';
import { PlanSummary } from './PlanSummary';

export function AddConfirmDialog(props: {
  paths: string[];
  target: UploadTarget;
  onTarget(target: UploadTarget): void;
  rules: FolderRules;
  onRules(rules: FolderRules): void;
  onStart(): void;
  onClose(): void;
}) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  const { albums } = useAlbumList();
  const preview = usePreview(props.paths, props.target, props.rules);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const rows = targetAlbums(props.paths, props.target, albums ?? []);
  const start = () => {
    props.onStart();
    dialog.current?.close();
  };
  // Album names by folder mode (leaf, path) are known once the folders are walked: the Preview says them.
  const rootMode = !('mode' in props.target) || !props.target.mode || props.target.mode === 'root';
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="confirm-heading" onClose={props.onClose} data-testid="add-confirm">
      <div className="panel-header">
        <h2 id="confirm-heading">{t('confirm.title')}</h2>
      </div>
      <div className="confirm-body">
        <TargetPicker value={props.target} onChange={props.onTarget} testId="confirm-target" />
        {rootMode && (
          <>
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
          </>
        )}
        <FolderOptionsFields rules={props.rules} onRules={props.onRules} target={props.target} onTarget={props.onTarget} />
        {preview.busy && <p className="hint">{t('confirm.previewing')}</p>}
        {preview.error && <ErrorReason error={preview.error} />}
        {preview.plan && <PlanSummary plan={preview.plan} />}
      </div>
      <div className="panel-footer">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          {t('confirm.cancel')}
        </button>
        <button type="button" className="secondary" onClick={preview.run} disabled={preview.busy}>
          {t('confirm.preview')}
        </button>
        <button type="button" onClick={start} autoFocus>
          {t('confirm.start')}
        </button>
      </div>
    </dialog>
  );
}

/** The dry run of this drop; a plan made for other options is dropped as soon as they change. */
function usePreview(paths: string[], target: UploadTarget, rules: FolderRules) {
  const api = useApi();
  const [plan, setPlan] = useState<PlanView | null>(null);
  const [error, setError] = useState<ErrorView | null>(null);
  const [busy, setBusy] = useState(false);
  const asked = useRef(0);
  const key = JSON.stringify([paths, target, cleanRules(rules)]);
  useEffect(() => {
    asked.current += 1;
    setPlan(null);
    setError(null);
    setBusy(false);
  }, [key]);
  const run = async () => {
    const mine = ++asked.current;
    setBusy(true);
    setError(null);
    const result = await api.planPaths(paths, target, cleanRules(rules));
    if (mine !== asked.current) return;
    setBusy(false);
    if (result.ok) setPlan(result.value);
    else setError(result.error);
  };
  return { plan, error, busy, run };
}
