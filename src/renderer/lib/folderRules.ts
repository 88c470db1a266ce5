/**
 * The per-folder options (shared FolderRules) as the forms edit them: glob lists typed as comma-separated text,
 * and how many options differ from the defaults. Pure.
 */
import type { FolderRules } from '../../shared/api';

export const RAW_JPEG_CHOICES = ['pair', 'both', 'jpeg', 'raw'] as const;
export const ON_CHANGE_CHOICES = ['replace', 'new', 'skip'] as const;
export const ALBUM_MODES = ['root', 'leaf', 'path'] as const;

/** "*.jpg, rejects/**" → ['*.jpg', 'rejects/**']; empty pieces dropped. */
export function parseGlobs(text: string): string[] {
  return text
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean);
}

export const globText = (globs: string[] | undefined) => (globs ?? []).join(', ');

/** Only what differs from the defaults is kept, so a folder saved with defaults lists as before. */
export function cleanRules(rules: FolderRules): FolderRules {
  const out: FolderRules = {};
  if (rules.include?.length) out.include = rules.include;
  if (rules.exclude?.length) out.exclude = rules.exclude;
  if (rules.takenFrom) out.takenFrom = rules.takenFrom;
  if (rules.takenTo) out.takenTo = rules.takenTo;
  if (rules.videos === false) out.videos = false;
  if (rules.rawJpeg && rules.rawJpeg !== 'pair') out.rawJpeg = rules.rawJpeg;
  if (rules.onChange && rules.onChange !== 'replace') out.onChange = rules.onChange;
  return out;
}

export const changedCount = (rules: FolderRules) => Object.keys(cleanRules(rules)).length;
