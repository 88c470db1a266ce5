/**
 * "Caption these": one title, description and keywords for every selected photo this computer
 * uploaded, each through editPhoto — kept by the engine and sent later when the backend is
 * unreachable, exactly as a single edit is. Empty fields leave what each photo has.
 */
import { useId, useState, type FormEvent } from 'react';
import type { PhotoEdit } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { parseKeywords } from '../../lib/keywords';
import { useApi } from '../../state/HostContext';
import { useNotices } from '../../state/NoticesContext';

export function CaptionForm(props: { jobIds: number[]; others: number; onDone(): void }) {
  const t = useT();
  const api = useApi();
  const { notify } = useNotices();
  const titleId = useId();
  const descriptionId = useId();
  const keywordsId = useId();
  const keywordsHintId = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [keywords, setKeywords] = useState('');
  const [busy, setBusy] = useState(false);
  const count = props.jobIds.length;
  const edit: PhotoEdit = {
    ...(title.trim() ? { title: title.trim() } : {}),
    ...(description.trim() ? { description: description.trim() } : {}),
    ...(parseKeywords(keywords).length > 0 ? { keywords: parseKeywords(keywords) } : {}),
  };
  const empty = Object.keys(edit).length === 0;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    const results = await Promise.all(props.jobIds.map((jobId) => api.editPhoto(jobId, edit)));
    setBusy(false);
    const failed = results.find((result) => !result.ok);
    if (failed && !failed.ok) notify('error', failed.error.message);
    notify('info', t('album.captioned', { count: results.filter((result) => result.ok).length }), { key: 'caption' });
    if (props.others > 0) notify('info', t('album.captionSkipped', { count: props.others }), { key: 'caption-skipped' });
    props.onDone();
  };

  return (
    <form className="caption-form" onSubmit={submit} aria-label={t('album.captionLabel')} data-testid="caption-form">
      <div className="field">
        <label htmlFor={titleId}>{t('photo.title')}</label>
        <input id={titleId} value={title} onChange={(event) => setTitle(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={descriptionId}>{t('photo.description')}</label>
        <input id={descriptionId} value={description} onChange={(event) => setDescription(event.target.value)} />
      </div>
      <div className="field">
        <label htmlFor={keywordsId}>{t('photo.keywords')}</label>
        <input id={keywordsId} value={keywords} onChange={(event) => setKeywords(event.target.value)} aria-describedby={keywordsHintId} />
        <span className="field-hint" id={keywordsHintId}>
          {t('album.keywordsHint')}
        </span>
      </div>
      <button type="submit" disabled={busy || count === 0 || empty}>
        {t('album.captionSubmit', { count })}
      </button>
    </form>
  );
}
