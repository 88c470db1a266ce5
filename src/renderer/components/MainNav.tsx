import type { MessageKey } from '../i18n/messages/en';
import { useT } from '../i18n/I18nProvider';

export type ScreenName = 'queue' | 'albums' | 'watch' | 'settings';

const ITEMS: Array<{ name: ScreenName; label: MessageKey }> = [
  { name: 'queue', label: 'nav.queue' },
  { name: 'albums', label: 'nav.albums' },
  { name: 'watch', label: 'nav.watch' },
  { name: 'settings', label: 'nav.settings' },
];

export function MainNav(props: { current: ScreenName; onNavigate(name: ScreenName): void }) {
  const t = useT();
  return (
    <nav aria-label={t('nav.label')}>
      <ul className="nav">
        {ITEMS.map((item) => (
          <li key={item.name}>
            <button
              type="button"
              className="nav-item"
              aria-current={props.current === item.name ? 'page' : undefined}
              onClick={() => props.onNavigate(item.name)}
              data-testid={`nav-${item.name}`}
            >
              {t(item.label)}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
