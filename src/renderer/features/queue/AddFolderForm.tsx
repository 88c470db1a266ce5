/**
 * "Add folder…": the desktop app opens the native picker; a browser page cannot, so it offers a
 * path field with completion and a folder chooser served by the engine. Either way the choice goes
 * to the add dialog (onPick), which shows the target albums before anything starts.
 */
import { useId, useState, type FormEvent } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { FolderChooser } from '../add/FolderChooser';
import { useFolderCompletion } from '../add/useFolderCompletion';
import { useShortcutText } from '../../i18n/useShortcutText';
import { SHORTCUTS } from '../../lib/shortcuts';
import { useShortcut } from '../../state/useShortcut';

export function AddFolderForm(props: { onPick(paths: string[]): void }) {
  const t = useT();
  const host = useHost();
  const notify = useNotify();
  const id = useId();
  const listId = useId();
  const [path, setPath] = useState('');
  const [browsing, setBrowsing] = useState(false);
  const completion = useFolderCompletion(host.kind === 'browser' ? path : '');
  const keys = useShortcutText();
  const choose = async () => {
    if (host.kind !== 'desktop') return setBrowsing(true);
    const result = await host.api.chooseFolder();
    if (!result.ok) return notify('error', result.error.message);
    if (result.value) props.onPick([result.value]);
  };
  useShortcut(SHORTCUTS.addFolder, () => void choose());

  if (host.kind === 'desktop') {
    return (
      <button type="button" className="primary-large" onClick={choose} {...keys.props('addFolder', t('add.chooseFolder'))}>
        {t('add.chooseFolder')}
      </button>
    );
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) return;
    props.onPick([path.trim()]);
    setPath('');
  };
  // The chooser is a dialog of its own, outside this form: a form inside a form would submit both.
  return (
    <>
      <form className="inline-form" onSubmit={submit} aria-label={t('add.formLabel')}>
        <button type="button" className="primary-large" onClick={() => setBrowsing(true)} {...keys.props('addFolder', t('add.browse'))}>
          {t('add.browse')}
        </button>
        <label htmlFor={id}>{t('add.pathLabel')}</label>
        <input
          id={id}
          value={path}
          list={listId}
          onChange={(event) => setPath(event.target.value)}
          placeholder={t('add.pathPlaceholder')}
          spellCheck={false}
          autoComplete="off"
        />
        <datalist id={listId}>
          {completion.map((option) => (
            <option key={option} value={option} />
          ))}
        </datalist>
        <button type="submit" disabled={!path.trim()}>
          {t('add.submit')}
        </button>
      </form>
      {browsing && <FolderChooser onChoose={(folder) => props.onPick([folder])} onClose={() => setBrowsing(false)} />}
    </>
  );
}
