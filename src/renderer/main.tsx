import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectHost } from './api';
import { AlbumsProvider } from './state/AlbumsContext';
import { HostProvider, type HostValue } from './state/HostContext';
import { NoticesProvider } from './state/NoticesContext';
import './styles.css';

function Unauthorised() {
  return (
    <main className="app-main">
      <h1>PixDrop</h1>
      <p role="alert">This page needs the address printed by <code>pixdrop serve</code> (it ends with #token=…). Open that address again.</p>
    </main>
  );
}

const host = connectHost();
const root = createRoot(document.getElementById('root')!);
if (host.kind === 'unauthorised') {
  root.render(<Unauthorised />);
} else {
  const value: HostValue =
    host.kind === 'desktop'
      ? { api: host.api, kind: 'desktop', getPathForFile: (file) => host.api.getPathForFile(file) }
      : { api: host.api, kind: 'browser', getPathForFile: null };
  root.render(
    <HostProvider value={value}>
      <NoticesProvider>
        <AlbumsProvider>
          <App />
        </AlbumsProvider>
      </NoticesProvider>
    </HostProvider>,
  );
}
