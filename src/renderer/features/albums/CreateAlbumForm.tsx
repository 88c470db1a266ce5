import { useId, useState, type FormEvent } from 'react';
import type { AlbumView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import type { ErrorView } from '../../../shared/errors';
import { useApi } from '../../state/HostContext';

export function CreateAlbumForm(props: { onCreated(album: AlbumView): void }) {
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
    <form className="inline-form" onSubmit={submit} aria-label="Create album">
      <label htmlFor={id}>New album</label>
      <input id={id} value={name} onChange={(event) => setName(event.target.value)} placeholder="Album name" required />
      <button type="submit" disabled={busy || !name.trim()}>
        Create album
      </button>
      {error && <ErrorReason error={error} />}
    </form>
  );
}
