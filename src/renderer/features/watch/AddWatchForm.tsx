import { useId, useState, type FormEvent } from 'react';
import type { FolderRules, UploadTarget, WatchView } from '../../../shared/api';
import { useT } from '../../i18n/I18nProvider';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { FolderChooser } from '../add/FolderChooser';
import { TargetPicker } from '../albums/TargetPicker';
import { FolderOptionsFields } from '../add/FolderOptionsFields';
import { cleanRules } from '../../lib/folderRules';

export function AddWatchForm(props: { defaultTarget: UploadTarget; onAdded(watch: WatchView): void }) {
  const t = useT();
  const host = useHost();
  const notify = useNotify();
  const id = useId();
  const [path, setPath] = useState('');
  const [target, setTarget] = useState<UploadTarget>(props.defaultTarget);
  const [browsing, setBrowsing] = useState(false);
  const [rules, setRules] = useState<FolderRules>({});
  // The next folder starts from the usual options, not from the last one's.
  const [resets, setResets] = useState(0);

  const add = async (folder: string) => {
    const result = await host.api.addWatch(folder, target, cleanRules(rules));
    if (!result.ok) return notify('error', result.error.message);
    setPath('');
    setRules({});
    setResets((n) => n + 1);
    props.onAdded(result.value);
    notify('info', t('watch.added', { path: result.value.path }));
  };
  const choose = async () => {
    const result = await host.api.chooseFolder();
    if (result.ok && result.value) setPath(result.value);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (path.trim()) void add(path.trim());
  };

  // The browser's chooser is a dialog of its own, outside this form (a form inside a form would submit both).
  return (
    <>
      <form className="inline-form" onSubmit={submit} aria-label={t('watch.formLabel')}>
        <label htmlFor={id}>{t('watch.pathLabel')}</label>
        <input id={id} value={path} onChange={(event) => setPath(event.target.value)} spellCheck={false} placeholder="/media/card/DCIM" />
        <button type="button" className="secondary" onClick={host.kind === 'desktop' ? choose : () => setBrowsing(true)}>
          {t('watch.choose')}
        </button>
        <TargetPicker label={t('watch.album')} value={target} onChange={setTarget} testId="watch-target" />
        <button type="submit" disabled={!path.trim()}>
          {t('watch.submit')}
        </button>
      </form>
      <FolderOptionsFields key={resets} rules={rules} onRules={setRules} target={target} onTarget={setTarget} testId="watch-options" />
      {browsing && <FolderChooser onChoose={setPath} onClose={() => setBrowsing(false)} />}
    </>
  );
}
