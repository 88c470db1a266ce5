export type ScreenName = 'queue' | 'albums' | 'watch' | 'settings';

const ITEMS: Array<{ name: ScreenName; label: string }> = [
  { name: 'queue', label: 'Queue' },
  { name: 'albums', label: 'Albums' },
  { name: 'watch', label: 'Watched folders' },
  { name: 'settings', label: 'Settings' },
];

export function MainNav(props: { current: ScreenName; onNavigate(name: ScreenName): void }) {
  return (
    <nav aria-label="Main">
      <ul className="nav">
        {ITEMS.map((item) => (
          <li key={item.name}>
            <button
              type="button"
              className="nav-item"
              aria-current={props.current === item.name ? 'page' : undefined}
              onClick={() => props.onNavigate(item.name)}
            >
              {item.label}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
