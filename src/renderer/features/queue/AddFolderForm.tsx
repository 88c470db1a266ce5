/**
 * "Add folder…": the desktop app opens the native picker; a browser page cannot, so it offers a
 * path field instead (the browser host's chooseFolder answers an error by design).
 */
import { useId, useState, type FormEvent } from 'react';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function AddFolderForm(props: { onAdd(paths: string[]): Promise<boolean> }) {
  const host = useHost();
  const notify = useNotify();
  const id = useId();
  const [path, setPath] = useState('');

  if (host.kind === 'desktop') {
    const choose = async () => {
      const result = await host.api.chooseFolder();
      if (!result.ok) return notify('error', result.error.message);
      if (result.value) await props.onAdd([result.value]);
    };
    return (
      <button type="button" onClick={choose}>
        Add folder…
      </button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() && (await props.onAdd([path.trim()]))) setPath('');
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Add a folder">
      <label htmlFor={id}>Folder path</label>
      <input id={id} value={path} onChange={(event) => setPath(event.target.value)} placeholder="/home/me/Pictures/Trip" spellCheck={false} />
      <button type="submit" disabled={!path.trim()}>
        Add folder
      </button>
    </form>
  );
}
