/** "Cancel N files?" before a cancel of many (the whole queue, a watched folder): says how many and what it means. */
import { useEffect, useRef } from 'react';
import { useT } from '../../i18n/I18nProvider';

export function CancelConfirmDialog(props: { count: number; onConfirm(): void; onClose(): void }) {
  const t = useT();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
  }, []);
  const confirm = () => {
    props.onConfirm();
    dialog.current?.close();
  };
  return (
    <dialog ref={dialog} className="confirm" aria-labelledby="cancel-confirm-heading" onClose={props.onClose} data-testid="cancel-confirm">
      <div className="panel-header">
        <h2 id="cancel-confirm-heading">{t('cancel.confirmTitle', { count: props.count })}</h2>
      </div>
      <div className="confirm-body">
        <p>{t('cancel.confirmBody', { count: props.count })}</p>
      </div>
      <div className="panel-footer">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()} autoFocus>
          {t('cancel.confirmNo')}
        </button>
        <button type="button" onClick={confirm}>
          {t('cancel.confirmYes', { count: props.count })}
        </button>
      </div>
    </dialog>
  );
}
