/** The window: navigation, banners, the add-photos bar, the current screen and the photo panel. */
import { useCallback, useState } from 'react';
import type { FolderRules, UploadTarget } from '../shared/api';
import { ConnectionBanner } from './components/ConnectionBanner';
import { ShortcutsHelp } from './components/ShortcutsHelp';
import { MainNav, type ScreenName } from './components/MainNav';
import { AlbumView } from './features/albums/AlbumView';
import { AlbumsScreen } from './features/albums/AlbumsScreen';
import { TargetPicker } from './features/albums/TargetPicker';
import { PhotoPanel, type PhotoSelection } from './features/photo/PhotoPanel';
import { AddConfirmDialog } from './features/add/AddConfirmDialog';
import { AddFolderForm } from './features/queue/AddFolderForm';
import { DropZone } from './features/queue/DropZone';
import { QueueScreen } from './features/queue/QueueScreen';
import { useAddPaths } from './features/queue/useAddPaths';
import { SettingsScreen } from './features/settings/SettingsScreen';
import { WatchScreen } from './features/watch/WatchScreen';
import { useT } from './i18n/I18nProvider';
import { rememberFolders } from './state/recentFolders';
import { useStatus } from './state/useStatus';

export function App() {
  const t = useT();
  const status = useStatus();
  const [screen, setScreen] = useState<ScreenName>('queue');
  const [albumId, setAlbumId] = useState<string | null>(null);
  const [target, setTarget] = useState<UploadTarget>({ albumFromFolder: true });
  const [photo, setPhoto] = useState<PhotoSelection | null>(null);
  const [edits, setEdits] = useState(0);
  const [rules, setRules] = useState<FolderRules>({});
  const addPaths = useAddPaths(target, rules);
  // Chosen, dropped or typed paths wait here until the add dialog has shown their albums.
  const [pending, setPending] = useState<string[] | null>(null);
  const pick = useCallback((paths: string[]) => paths.length > 0 && setPending(paths), []);
  const start = () => {
    if (!pending) return;
    rememberFolders(pending);
    void addPaths(pending);
  };
  const navigate = useCallback((name: ScreenName) => {
    setScreen(name);
    setAlbumId(null);
  }, []);
  const openJob = useCallback((jobId: number) => setPhoto({ jobId, image: null }), []);

  return (
    <div className="app">
      <header className="app-header">
        <h1 className="brand">{t('app.name')}</h1>
        <MainNav current={screen} onNavigate={navigate} />
        <ShortcutsHelp />
      </header>
      <ConnectionBanner status={status} onOpenSettings={() => navigate('settings')} />
      <DropZone onPick={pick}>
        <div className="add-bar">
          <AddFolderForm onPick={pick} />
          <TargetPicker value={target} onChange={setTarget} />
        </div>
      </DropZone>
      <main className="app-main">
        {screen === 'queue' && <QueueScreen status={status} onOpenPhoto={openJob} onOpenSettings={() => navigate('settings')} />}
        {screen === 'albums' && albumId === null && <AlbumsScreen target={target} onTarget={setTarget} onOpenAlbum={setAlbumId} />}
        {screen === 'albums' && albumId !== null && <AlbumView albumId={albumId} refreshKey={edits} onBack={() => setAlbumId(null)} onOpenPhoto={setPhoto} />}
        {screen === 'watch' && <WatchScreen defaultTarget={target} />}
        {screen === 'settings' && <SettingsScreen />}
      </main>
      {pending && (
        <AddConfirmDialog
          paths={pending}
          target={target}
          onTarget={setTarget}
          rules={rules}
          onRules={setRules}
          onStart={start}
          onClose={() => setPending(null)}
        />
      )}
      {photo && <PhotoPanel selection={photo} onClose={() => setPhoto(null)} onSaved={() => setEdits((n) => n + 1)} />}
    </div>
  );
}
