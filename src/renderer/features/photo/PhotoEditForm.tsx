/** Title and description, saved through editPhoto; the engine keeps edits made offline and sends them later. */
import { useId, useState, type FormEvent } from 'react';
import type { PhotoDetails } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';

export function PhotoEditForm(props: { details: PhotoDetails; onSaved(details: PhotoDetails): void }) {
  const t = useT();
  const api = useApi();
  const titleId = useId();
  const descriptionId = useId();
  const [title, setTitle] = useState(props.details.title ?? '');
  const [description, setDescription] = useState(props.details.description ?? '');
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ErrorView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('saving');
    const result = await api.editPhoto(props.details.jobId, { title, description });
    if (!result.ok) {
      setState('idle');
      return setError(result.error);
    }
    setError(null);
    setState('saved');
    props.onSaved(result.value);
  };

  return (
    <form className="edit-form" onSubmit={submit} aria-label={t('photo.editLabel')}>
      <label htmlFor={titleId}>{t('photo.title')}</label>
      <input id={titleId} value={title} onChange={(event) => (setTitle(event.target.value), setState('idle'))} />
      <label htmlFor={descriptionId}>{t('photo.description')}</label>
      <textarea id={descriptionId} rows={3} value={description} onChange={(event) => (setDescription(event.target.value), setState('idle'))} />
      <div className="form-actions">
        <button type="submit" disabled={state === 'saving'}>
          {t('photo.save')}
        </button>
        <span role="status" data-testid="edit-state">
          {props.details.pendingEdit
            ? t('photo.pending')
            : state === 'saved'
              ? props.details.imageId
                ? t('photo.savedToAlbum')
                : t('photo.savedForLater')
              : ''}
        </span>
      </div>
      {error && <ErrorReason error={error} />}
    </form>
  );
}
