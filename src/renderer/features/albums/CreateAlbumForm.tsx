import { useId, useState, type FormEvent } from 'react';
import type { AlbumView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import type { ErrorView } from '../../../shared/errors';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';

export function CreateAlbumForm(props: { onCreated(album: AlbumView): void }) {
  const t = useT();
  const api = useApi();
  const id = useId();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | null>(null);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) return;
    setBusy(true);
    const result = await api.createAlbum(name.trim());
    setBusy(false);
    if (!result.ok) return setError(result.error);
    setError(null);
    setName('');
    props.onCreated(result.value);
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('albums.createLabel')}>
      <label htmlFor={id}>{t('albums.newLabel')}</label>
      <input id={id} value={name} onChange={(event) => setName(event.target.value)} placeholder={t('albums.namePlaceholder')} required />
      <button type="submit" disabled={busy || !name.trim()}>
        {t('albums.create')}
      </button>
      {error && <ErrorReason error={error} />}
    </form>
  );
}
