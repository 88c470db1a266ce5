/** "Keyboard shortcuts": a header button (and ?) opening the list of every shortcut of the window. */
import { useEffect, useRef, useState } from 'react';
import { useT } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/messages/en';
import { useShortcutText } from '../i18n/useShortcutText';
import { SHORTCUTS, type ShortcutName } from '../lib/shortcuts';
import { useShortcut } from '../state/useShortcut';

const NAMED: Array<[ShortcutName, MessageKey]> = [
  ['addFolder', 'help.addFolder'],
  ['pauseAll', 'help.pauseAll'],
  ['resumeAll', 'help.resumeAll'],
  ['retryFailed', 'help.retryFailed'],
  ['selectAll', 'help.selectAll'],
  ['help', 'help.help'],
];
const MOVES: Array<[MessageKey, MessageKey]> = [
  ['keys.arrows', 'help.arrows'],
  ['keys.homeEnd', 'help.homeEnd'],
  ['keys.enter', 'help.enter'],
  ['keys.space', 'help.space'],
  ['keys.shiftArrows', 'help.shiftArrows'],
  ['keys.escape', 'help.escape'],
];

export function ShortcutsHelp() {
  const t = useT();
  const keys = useShortcutText();
  const [open, setOpen] = useState(false);
  useShortcut(SHORTCUTS.help, () => setOpen(true));
  return (
    <>
      <button
        type="button"
        className="secondary help-button"
        onClick={() => setOpen(true)}
        data-testid="shortcuts-button"
        {...keys.props('help', t('help.open'))}
      >
        <span aria-hidden="true">⌨ </span>
        {t('help.open')}
      </button>
      {open && (
        <HelpDialog onClose={() => setOpen(false)}>
          <dl className="shortcut-list">
            {NAMED.map(([name, what]) => (
              <div key={name} className="shortcut-row">
                <dt>
                  <kbd>{keys.keys(name)}</kbd>
                </dt>
                <dd>{t(what)}</dd>
              </div>
            ))}
            {MOVES.map(([key, what]) => (
              <div key={key} className="shortcut-row">
                <dt>
                  <kbd>{t(key)}</kbd>
                </dt>
                <dd>{t(what)}</dd>
              </div>
            ))}
          </dl>
          <p className="hint">{t('help.where')}</p>
        </HelpDialog>
      )}
    </>
  );
}

function HelpDialog(props: { onClose(): void; children: React.ReactNode }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="help-heading" onClose={props.onClose} data-testid="shortcuts-help">
      {/* div, not header/footer: inside a dialog those would be the page's banner and contentinfo landmarks. */}
      <div className="panel-header">
        <h2 id="help-heading">{t('help.title')}</h2>
      </div>
      <div className="confirm-body">{props.children}</div>
      <div className="panel-footer">
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('help.close')}
        </button>
      </div>
    </dialog>
  );
}
