import { useId, useState, type FormEvent } from 'react';
import type { UploadTarget, WatchView } from '../../../shared/api';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { TargetPicker } from '../albums/TargetPicker';

export function AddWatchForm(props: { defaultTarget: UploadTarget; onAdded(watch: WatchView): void }) {
  const host = useHost();
  const notify = useNotify();
  const id = useId();
  const [path, setPath] = useState('');
  const [target, setTarget] = useState<UploadTarget>(props.defaultTarget);

  const add = async (folder: string) => {
    const result = await host.api.addWatch(folder, target);
    if (!result.ok) return notify('error', result.error.message);
    setPath('');
    props.onAdded(result.value);
    notify('info', `Watching ${result.value.path}.`);
  };
  const choose = async () => {
    const result = await host.api.chooseFolder();
    if (result.ok && result.value) setPath(result.value);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void add(path.trim());
  };

  return (
    <form className="inline-form" onSubmit={submit} aria-label="Watch a folder">
      <label htmlFor={id}>Folder to watch</label>
      <input id={id} value={path} onChange={(event) => setPath(event.target.value)} spellCheck={false} placeholder="/media/card/DCIM" />
      {host.kind === 'desktop' && (
        <button type="button" className="secondary" onClick={choose}>
          Choose…
        </button>
      )}
      <TargetPicker label="Album" value={target} onChange={setTarget} testId="watch-target" />
      <button type="submit" disabled={!path.trim()}>
        Watch folder
      </button>
    </form>
  );
}
