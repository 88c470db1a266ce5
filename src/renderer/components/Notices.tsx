/** Short messages from the engine (notice events) and from the screens' own actions. */
import { useT } from '../i18n/I18nProvider';

export interface Notice {
  id: number;
  level: 'info' | 'warning' | 'error';
  message: string;
  /** Set when the notice belongs to a cause that can end (see NoticesContext). */
  key?: string;
}

export function Notices(props: { notices: Notice[]; onDismiss(id: number): void }) {
  const t = useT();
  return (
    <aside className="notices" aria-label={t('notices.label')}>
      <div role="log" aria-live="polite" data-testid="notices">
        {props.notices.map((notice) => (
          <div key={notice.id} className={`notice notice-${notice.level}`} data-testid="notice">
            <span>{notice.message}</span>
            <button type="button" className="icon-button" aria-label={t('notices.dismiss')} onClick={() => props.onDismiss(notice.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </aside>
  );
}
