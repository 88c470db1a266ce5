/**
 * "Add folder…": the desktop app opens the native picker; a browser page cannot, so it offers a
 * path field instead (the browser host's chooseFolder answers an error by design).
 */
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function AddFolderForm(props: { onAdd(paths: string[]): Promise<boolean> }) {
  const t = useT();
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
        {t('add.chooseFolder')}
      </button>
    );
  }

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (path.trim() && (await props.onAdd([path.trim()]))) setPath('');
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label={t('add.formLabel')}>
      <label htmlFor={id}>{t('add.pathLabel')}</label>
      <input id={id} value={path} onChange={(event) => setPath(event.target.value)} placeholder={t('add.pathPlaceholder')} spellCheck={false} />
      <button type="submit" disabled={!path.trim()}>
        {t('add.submit')}
      </button>
    </form>
  );
}
