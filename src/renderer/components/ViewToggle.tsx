/** Grid or list: two pressed-state buttons, so the current view is read out and visible. */
import { useT } from '../i18n/I18nProvider';
import type { ViewMode } from '../state/useViewMode';

export function ViewToggle(props: { value: ViewMode; onChange(mode: ViewMode): void }) {
  const t = useT();
  return (
    <div className="view-toggle" role="group" aria-label={t('view.label')}>
      {(['grid', 'list'] as const).map((mode) => (
        <button
          key={mode}
          type="button"
          className="view-toggle-button"
          aria-pressed={props.value === mode}
          onClick={() => props.onChange(mode)}
          data-testid={`view-${mode}`}
        >
          <span aria-hidden="true" className="view-toggle-icon">
            {mode === 'grid' ? '▦' : '☰'}
          </span>
          {t(mode === 'grid' ? 'view.grid' : 'view.list')}
        </button>
      ))}
    </div>
  );
}
