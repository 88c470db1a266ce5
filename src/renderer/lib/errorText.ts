/** Every ErrorCode in plain words, and whether pressing Retry can help. Pure. */
import type { ErrorCode, ErrorView } from '../../shared/errors';

const HEADLINES: Record<ErrorCode, string> = {
  OFFLINE: 'No connection. It will upload when you are back online.',
  NETWORK: 'The server had a problem. Trying again shortly.',
  RATE_LIMITED: 'The server asked us to slow down. Waiting before trying again.',
  AUTH: 'Not signed in, or the sign-in expired. Enter a new token in Settings.',
  REJECTED: 'The server refused this photo.',
  FILE_CHANGED: 'The file changed while uploading. It starts again from the beginning.',
  FILE_GONE: 'The file is no longer there (moved, deleted, or the card was removed).',
  UNREADABLE: 'The file cannot be read (permissions or a disk problem).',
  EMPTY_FILE: 'The file is empty (0 bytes).',
  CORRUPT_FILE: 'The photo is damaged or cut short.',
  NOT_A_PHOTO: 'This is not a photo format PixDrop can upload.',
  DISK_FULL: 'The disk is full: PixDrop could not save its progress.',
  BAD_RESPONSE: 'The server sent an unreadable answer. Trying again shortly.',
  ABORTED: 'Stopped on request. Progress is kept.',
  SESSION: 'This page lost its link to PixDrop. Open the address printed by pixdrop serve again.',
  CONFIG: 'A setting is wrong. Check Settings.',
  INTERNAL: 'Something went wrong inside PixDrop. Please report it with the log file.',
};

export function errorHeadline(error: ErrorView): string {
  return HEADLINES[error.code] ?? error.message;
}

/** The engine's message adds the file and the next step; skip it when it only repeats the headline. */
export function errorDetail(error: ErrorView): string | null {
  return error.message && error.message !== HEADLINES[error.code] ? error.message : null;
}
