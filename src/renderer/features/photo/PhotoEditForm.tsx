/** Title and description, saved through editPhoto; the engine keeps edits made offline and sends them later. */
import { useId, useState, type FormEvent } from 'react';
import type { PhotoDetails } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useApi } from '../../state/HostContext';

export function PhotoEditForm(props: { details: PhotoDetails; onSaved(details: PhotoDetails): void }) {
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
    <form className="edit-form" onSubmit={submit} aria-label="Edit title and description">
      <label htmlFor={titleId}>Title</label>
      <input id={titleId} value={title} onChange={(event) => (setTitle(event.target.value), setState('idle'))} />
      <label htmlFor={descriptionId}>Description</label>
      <textarea id={descriptionId} rows={3} value={description} onChange={(event) => (setDescription(event.target.value), setState('idle'))} />
      <div className="form-actions">
        <button type="submit" disabled={state === 'saving'}>
          Save
        </button>
        <span role="status" data-testid="edit-state">
          {props.details.pendingEdit
            ? 'Pending: will be sent when the server is reachable.'
            : state === 'saved'
              ? props.details.imageId
                ? 'Saved to the album.'
                : 'Saved; sent with the photo when it uploads.'
              : ''}
        </span>
      </div>
      {error && <ErrorReason error={error} />}
    </form>
  );
}
