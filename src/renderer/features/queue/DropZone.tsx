/**
 * Drop folders or photos anywhere on the window. The desktop app gets real paths through the
 * preload; a browser is never told where a dropped file lives, so it explains the path field.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useT } from '../../i18n/I18nProvider';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function DropZone(props: { onPick(paths: string[]): void; children: ReactNode }) {
  const t = useT();
  const host = useHost();
  const notify = useNotify();
  const [over, setOver] = useState(false);

  useEffect(() => {
    const onDragOver = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setOver(true);
    };
    const onDragLeave = (event: DragEvent) => event.relatedTarget === null && setOver(false);
    const onDrop = (event: DragEvent) => {
      if (!event.dataTransfer?.types.includes('Files')) return;
      event.preventDefault();
      setOver(false);
      const files = Array.from(event.dataTransfer.files);
      if (!host.getPathForFile) {
        notify('warning', t('add.browserDrop'));
        return;
      }
      props.onPick(files.map((file) => host.getPathForFile!(file)).filter(Boolean));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [host, notify, props.onPick, t]);

  return (
    <section className={`drop-zone${over ? ' drop-zone-over' : ''}`} aria-label={t('add.region')} data-testid="drop-zone">
      <p className="drop-title">{over ? t('add.dropNow') : t('add.dropTitle')}</p>
      <p className="drop-hint">{t('add.dropHint')}</p>
      {props.children}
    </section>
  );
}
