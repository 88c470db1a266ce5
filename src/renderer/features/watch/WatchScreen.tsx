/** Folders PixDrop keeps an eye on: new photos in them upload on their own. */
import { useState } from 'react';
import type { UploadTarget, WatchView } from '../../../shared/api';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { useNotify } from '../../state/NoticesContext';
import { CancelConfirmDialog } from '../cancel/CancelConfirmDialog';
import { useCancel } from '../cancel/useCancel';
import { AddWatchForm } from './AddWatchForm';
import { WatchRow } from './WatchRow';
import { useWatches } from './useWatches';

export function WatchScreen(props: { defaultTarget: UploadTarget }) {
  const t = useT();
  const api = useApi();
  const notify = useNotify();
  const { watches, setWatches, error } = useWatches();
  const cancel = useCancel();
  const [cancelling, setCancelling] = useState<WatchView | null>(null);
  const remove = async (id: number) => {
    const result = await api.removeWatch(id);
    if (!result.ok) return notify('error', result.error.message);
    setWatches((list) => (list ?? []).filter((watch) => watch.id !== id));
  };
  return (
    <section aria-labelledby="watch-heading" className="screen">
      <h2 id="watch-heading">{t('watch.heading')}</h2>
      <AddWatchForm defaultTarget={props.defaultTarget} onAdded={(watch) => setWatches((list) => [...(list ?? []).filter((w) => w.id !== watch.id), watch])} />
      {error && <ErrorReason error={error} />}
      {watches && watches.length === 0 && <p className="empty">{t('watch.empty')}</p>}
      <ul className="watch-list" aria-label={t('watch.listLabel')}>
        {(watches ?? []).map((watch) => (
          <WatchRow key={watch.id} watch={watch} onRemove={() => remove(watch.id)} onCancel={() => setCancelling(watch)} />
        ))}
      </ul>
      {cancelling && (
        <CancelConfirmDialog
          count={cancelling.cancellable ?? 0}
          onConfirm={() => void cancel({ folder: cancelling.path })}
          onClose={() => setCancelling(null)}
        />
      )}
    </section>
  );
}
