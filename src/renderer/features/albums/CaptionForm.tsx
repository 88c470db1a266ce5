/**
 * "Caption these": one title and description for every selected photo this computer uploaded,
 * each through editPhoto — kept by the engine and sent later when the backend is unreachable,
 * exactly as a single edit is.
 */
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { useNotices } from '../../state/NoticesContext';

export function CaptionForm(props: { jobIds: number[]; others: number; onDone(): void }) {
  const t = useT();
  const api = useApi();
  const { notify } = useNotices();
  const titleId = useId();
  const descriptionId = useId();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [busy, setBusy] = useState(false);
  const count = props.jobIds.length;

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const edit = { ...(title.trim() ? { title: title.trim() } : {}), ...(description.trim() ? { description: description.trim() } : {}) };
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
      <label htmlFor={titleId}>{t('photo.title')}</label>
      <input id={titleId} value={title} onChange={(event) => setTitle(event.target.value)} />
      <label htmlFor={descriptionId}>{t('photo.description')}</label>
      <input id={descriptionId} value={description} onChange={(event) => setDescription(event.target.value)} />
      <button type="submit" disabled={busy || count === 0 || (!title.trim() && !description.trim())}>
        {t('album.captionSubmit', { count })}
      </button>
    </form>
  );
}
