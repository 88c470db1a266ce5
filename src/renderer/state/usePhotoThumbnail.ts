/**
 * The embedded EXIF thumbnail of a local file, fetched only once the element is on screen (so a
 * grid of hundreds of queued photos costs nothing until scrolled to). Works in both hosts: it
 * goes through getPhoto, not through a URL only `pixdrop serve` knows.
 */
import { useEffect, useState, type RefObject } from 'react';
import { useApi } from './HostContext';

/** Newest last; bounded, so scrolling through 50,000 queued photos keeps a few megabytes of previews, not all. */
const cache = new Map<number, string | null>();
const CACHE_LIMIT = 1500;
/**
 * A photo must stay on screen this long before its preview is asked for: scrolling fast through
 * thousands of files must not queue a read for every one that flew past.
 */
const DWELL_MS = 150;

/**
 * A HEIC waiting behind other decodes is answered "later": asked again at this pace, for about two minutes
 * (a screen of iPhone photos decodes at ~2 s each), rather than left as an empty tile until a reload.
 */
export const LATER_RETRY_MS = 2000;
export const LATER_RETRIES = 60;

function remember(jobId: number, value: string | null): void {
  cache.set(jobId, value);
  if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as number);
}

export function usePhotoThumbnail(jobId: number, target: RefObject<Element | null>): string | null {
  const api = useApi();
  const [thumbnail, setThumbnail] = useState<string | null>(cache.get(jobId) ?? null);
  useEffect(() => {
    if (cache.has(jobId) || !target.current) return;
    let live = true;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const observer = new IntersectionObserver((entries) => {
      const visible = entries.some((entry) => entry.isIntersecting);
      if (!visible) {
        if (timer) clearTimeout(timer);
        timer = null;
        return;
      }
      const ask = (retriesLeft: number) => {
        void api.getPhoto(jobId).then((result) => {
          const later = result.ok && result.value.thumbnailLater === true;
          if (later && live && retriesLeft > 0) {
            timer = setTimeout(() => ask(retriesLeft - 1), LATER_RETRY_MS);
            return;
          }
          if (later) return; // being busy is no fact about the photo: not remembered
          const value = result.ok ? result.value.thumbnail : null;
          remember(jobId, value);
          if (live) setThumbnail(value);
        });
      };
      timer ??= setTimeout(() => {
        observer.disconnect();
        ask(LATER_RETRIES);
      }, DWELL_MS);
    });
    observer.observe(target.current);
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
      observer.disconnect();
    };
  }, [api, jobId, target]);
  return thumbnail;
}
