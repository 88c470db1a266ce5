/**
 * `pixdrop serve` prints http://127.0.0.1:PORT/#token=…. The token is read once, kept for this tab
 * only (sessionStorage, so a reload still works) and removed from the address bar so it is not
 * bookmarked, shared in a screenshot, or left in history.
 */
const STORAGE_KEY = 'pixdrop.token';

export function takeSessionToken(location: Location, history: History, storage: Storage): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromHash = params.get('token');
  if (fromHash) {
    storage.setItem(STORAGE_KEY, fromHash);
    history.replaceState(null, '', location.pathname + location.search);
    return fromHash;
  }
  return storage.getItem(STORAGE_KEY);
}
