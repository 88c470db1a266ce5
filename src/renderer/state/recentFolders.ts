/** The last folders added, newest first, kept in this browser or window (localStorage) for the folder chooser. */
const KEY = 'pixdrop.recentFolders';
const KEEP = 6;

export function readRecentFolders(): string[] {
  try {
    const value = JSON.parse(window.localStorage.getItem(KEY) ?? '[]') as unknown;
    return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string').slice(0, KEEP) : [];
  } catch {
    return [];
  }
}

export function rememberFolders(paths: string[]): void {
  const next = [...paths, ...readRecentFolders().filter((p) => !paths.includes(p))].slice(0, KEEP);
  try {
    window.localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // not kept: the chooser simply shows no recent folders
  }
}
