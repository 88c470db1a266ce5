import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './api';
import { I18nProvider, useT } from './i18n/I18nProvider';
import { AlbumsProvider } from './state/AlbumsContext';
import { HostProvider, type HostValue } from './state/HostContext';
import { NoticesProvider } from './state/NoticesContext';
import './tokens.css';
import './styles.css';
import './shoot.css';

function Unauthorised() {
  const t = useT();
  return (
    <main className="app-main">
      <h1>{t('app.name')}</h1>
      <p role="alert">{t('app.unauthorised')}</p>
    </main>
  );
}

const host = connectHost();
const root = createRoot(document.getElementById('root')!);
if (host.kind === 'unauthorised') {
  root.render(
    <I18nProvider>
      <Unauthorised />
    </I18nProvider>,
  );
} else {
  const value: HostValue =
    host.kind === 'desktop'
      ? { api: host.api, kind: 'desktop', getPathForFile: (file) => host.api.getPathForFile(file) }
      : { api: host.api, kind: 'browser', getPathForFile: null };
  root.render(
    <I18nProvider>
      <HostProvider value={value}>
        <NoticesProvider>
          <AlbumsProvider>
            <App />
          </AlbumsProvider>
        </NoticesProvider>
      </HostProvider>
    </I18nProvider>,
  );
}
