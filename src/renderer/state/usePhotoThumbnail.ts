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
    const observer = new IntersectionObserver((entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void api.getPhoto(jobId).then((result) => {
        const value = result.ok ? result.value.thumbnail : null;
        remember(jobId, value);
        if (live) setThumbnail(value);
      });
    });
    observer.observe(target.current);
    return () => {
      live = false;
      observer.disconnect();
    };
  }, [api, jobId, target]);
  return thumbnail;
}
