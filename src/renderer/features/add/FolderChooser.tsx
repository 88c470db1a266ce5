/**
 * The browser host's folder chooser: a browser page is never told where a folder lives, so the
 * engine lists the folders (listDirectory) and the photographer walks them, picks a recent one,
 * or types a path with completion. A native modal <dialog> gives focus trapping and Escape.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { DirectoryListing } from '../../../shared/api';
import type { ErrorView } from '../../../shared/errors';
import { ErrorReason } from '../../components/ErrorReason';
import { useT } from '../../i18n/I18nProvider';
import { useApi } from '../../state/HostContext';
import { readRecentFolders } from '../../state/recentFolders';
import { useFolderCompletion } from './useFolderCompletion';

function FolderIcon() {
  return (
    <svg className="folder-icon" viewBox="0 0 20 16" width="18" height="14" aria-hidden="true" focusable="false">
      <path d="M1 3a2 2 0 0 1 2-2h4l2 2h8a2 2 0 0 1 2 2v8a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2z" fill="currentColor" opacity="0.55" />
    </svg>
  );
}

export function FolderChooser(props: { onChoose(path: string): void; onClose(): void }) {
  const t = useT();
  const api = useApi();
  const dialog = useRef<HTMLDialogElement>(null);
  const inputId = useId();
  const listId = useId();
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<ErrorView | null>(null);
  const completion = useFolderCompletion(typed);
  const recent = readRecentFolders();

  // Only the latest request counts: a slow answer for the home folder must not replace the folder asked for since.
  const latest = useRef(0);
  // What the photographer typed since the last request: an answer must not overwrite it (the home folder's
  // answer arriving while a path is being typed replaced it, and Go then listed the home folder).
  const typedSince = useRef(false);
  const open = async (dir: string | null) => {
    const request = ++latest.current;
    typedSince.current = false;
    const result = await api.listDirectory(dir);
    if (request !== latest.current) return;
    if (!result.ok) return setError(result.error);
    setError(null);
    setListing(result.value);
    if (!typedSince.current) setTyped(result.value.path);
  };
  useEffect(() => {
    if (dialog.current && !dialog.current.open) dialog.current.showModal();
    void open(null);
    // The home folder once, on opening (not again when `open` changes identity).
  }, []);
  const go = (event: FormEvent) => {
    event.preventDefault();
    if (typed.trim()) void open(typed.trim());
  };

  return (
    <dialog ref={dialog} className="chooser" aria-labelledby="chooser-heading" onClose={props.onClose} data-testid="folder-chooser">
      <div className="panel-header">
        <h2 id="chooser-heading">{t('chooser.title')}</h2>
        <button type="button" className="icon-button" aria-label={t('chooser.cancel')} onClick={() => dialog.current?.close()}>
          ×
        </button>
      </div>
      <div className="chooser-body">
        <form className="chooser-path" onSubmit={go}>
          <label htmlFor={inputId}>{t('chooser.path')}</label>
          <input
            id={inputId}
            value={typed}
            list={listId}
            onChange={(event) => {
              typedSince.current = true;
              setTyped(event.target.value);
            }}
            spellCheck={false}
            autoComplete="off"
          />
          <datalist id={listId}>
            {completion.map((option) => (
              <option key={option} value={option} />
            ))}
          </datalist>
          <button type="submit" className="secondary">
            {t('chooser.go')}
          </button>
        </form>
        {error && <ErrorReason error={error} />}
        <div className="chooser-nav">
          <button type="button" className="secondary" disabled={!listing?.parent} onClick={() => listing?.parent && void open(listing.parent)}>
            {t('chooser.up')}
          </button>
          <button type="button" className="secondary" disabled={!listing || listing.path === listing.home} onClick={() => void open(listing?.home ?? null)}>
            {t('chooser.home')}
          </button>
        </div>
        <div className="chooser-columns">
          {recent.length > 0 && (
            <section aria-labelledby="chooser-recent">
              <h3 id="chooser-recent">{t('chooser.recent')}</h3>
              <ul className="folder-list">
                {recent.map((folder) => (
                  <li key={folder}>
                    <button type="button" className="folder-item" onClick={() => void open(folder)} title={folder}>
                      {folder}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {listing && (
            <section aria-labelledby="chooser-folders" className="chooser-folders">
              <h3 id="chooser-folders">{t('chooser.subfolders', { name: listing.path })}</h3>
              {listing.folders.length === 0 && <p className="empty">{t('chooser.none')}</p>}
              <ul className="folder-list" data-testid="folder-list">
                {listing.folders.map((folder) => (
                  <li key={folder.path}>
                    <button type="button" className="folder-item" onClick={() => void open(folder.path)} aria-label={t('chooser.open', { name: folder.name })}>
                      <FolderIcon /> {folder.name}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
        </div>
      </div>
      <div className="panel-footer">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          {t('chooser.cancel')}
        </button>
        <button
          type="button"
          disabled={!listing}
          onClick={() => {
            if (!listing) return;
            props.onChoose(listing.path);
            dialog.current?.close();
          }}
        >
          {t('chooser.choose')}
        </button>
      </div>
    </dialog>
  );
}
