/**
 * Drop folders or photos anywhere on the window. The desktop app gets real paths through the
 * preload; a browser is never told where a dropped file lives, so it explains the path field.
 */
import { useEffect, useState, type ReactNode } from 'react';
import { useHost } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';

export function DropZone(props: { onAdd(paths: string[]): Promise<boolean>; children: ReactNode }) {
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
        notify('warning', 'A browser page is not told where dropped folders are. Type the folder path in “Folder path” instead.');
        return;
      }
      void props.onAdd(files.map((file) => host.getPathForFile!(file)).filter(Boolean));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('dragleave', onDragLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('dragleave', onDragLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, [host, notify, props.onAdd]);

  return (
    <section className={`drop-zone${over ? ' drop-zone-over' : ''}`} aria-label="Add photos" data-testid="drop-zone">
      <p className="drop-hint">{over ? 'Drop to add these photos' : 'Drop folders or photos anywhere in this window, or:'}</p>
      {props.children}
    </section>
  );
}
