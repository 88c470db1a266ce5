/**
 * What the walk offers for upload, by name: photos (photo-types.ts) and videos (video-metadata.ts), and why
 * anything else is left. Pure.
 */
import { isIgnoredName, photoTypeByExtension } from './photo-types';
import { videoTypeByExtension } from './video-metadata';

export type MediaKind = 'photo' | 'video';

/** Why a found file is not uploaded (contract §1, the `file-ignored` event). */
export type IgnoredReason = 'unsupported' | 'filtered' | 'junk' | 'sidecar' | 'paired';

export function mediaKindByName(name: string): MediaKind | null {
  if (photoTypeByExtension(name)) return 'photo';
  return videoTypeByExtension(name) ? 'video' : null;
}

/** Junk and sidecars are never uploaded; a sidecar's title, keywords and date enrich its photo instead. */
export function ignoredNameReason(name: string): 'junk' | 'sidecar' | null {
  if (!isIgnoredName(name)) return null;
  return name.toLowerCase().endsWith('.xmp') && !name.startsWith('.') ? 'sidecar' : 'junk';
}
