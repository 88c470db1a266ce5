/**
 * Pure: a Cloudinary delivery URL for a small rendition of a photo, so a grid of hundreds loads
 * kilobytes per tile instead of the whole original. `{…}/image/{type}/[transformations/]v{n}/{id}.{ext}`
 * becomes `{…}/image/{type}/{transformation}/v{n}/{id}.jpg` (JPEG: a browser cannot show HEIC or RAW).
 * Only public (`upload`) URLs are rewritten: an authenticated or signed URL (`s--…--`) is valid only
 * with the signature the backend computed with the secret, which never reaches the window, so it is
 * used as the backend gave it (its own thumbnail). Any other URL is returned as it is, too.
 */
const DELIVERY = /^(.*?\/image\/upload\/)(?:[^/?#]+\/)*?(v\d+\/[^?#]+?)(?:\.[A-Za-z0-9]+)?([?#].*)?$/;
const SIGNED = /\/s--[^/]+--\//;

export function cloudinaryRendition(url: string | null | undefined, transformation: string): string | null {
  if (!url) return null;
  const match = SIGNED.test(url) ? null : DELIVERY.exec(url);
  if (!match) return url;
  const [, base, versioned, query = ''] = match;
  return `${base}${transformation}/${versioned}.jpg${query}`;
}

/** A tile of the album grid (4:3, sharp on a 2× screen). */
export const TILE_TRANSFORMATION = 'c_fill,h_300,q_auto,w_400';
/** A small square for list rows. */
export const ROW_TRANSFORMATION = 'c_fill,h_96,q_auto,w_96';
/** The photo panel's large preview, never larger than the original. */
export const PREVIEW_TRANSFORMATION = 'c_limit,h_1200,q_auto,w_1600';
