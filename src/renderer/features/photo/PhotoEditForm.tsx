/** Title, description and keywords, saved through editPhoto; the engine keeps edits made offline and sends them later. */
import { useId, useState, type FormEvent } from 'react';
import type { PhotoDetails } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { keywordsText, parseKeywords } from '../../lib/keywords';
import { useApi } from '../../state/HostContext';

export function PhotoEditForm(props: { details: PhotoDetails; onSaved(details: PhotoDetails): void }) {
  const t = useT();
  const api = useApi();
  const titleId = useId();
  const descriptionId = useId();
  const keywordsId = useId();
  const keywordsHintId = useId();
  const [title, setTitle] = useState(props.details.title ?? '');
  const [description, setDescription] = useState(props.details.description ?? '');
  const [keywords, setKeywords] = useState(keywordsText(props.details.keywords));
  const [state, setState] = useState<'idle' | 'saving' | 'saved'>('idle');
  const [error, setError] = useState<ErrorView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setState('saving');
    const result = await api.editPhoto(props.details.jobId, { title, description, keywords: parseKeywords(keywords) });
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
      <label htmlFor={keywordsId}>{t('photo.keywords')}</label>
      <input
        id={keywordsId}
        value={keywords}
        aria-describedby={keywordsHintId}
        onChange={(event) => (setKeywords(event.target.value), setState('idle'))}
        data-testid="keywords-input"
      />
      <span className="field-hint" id={keywordsHintId}>
        {t('album.keywordsHint')}
      </span>
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
