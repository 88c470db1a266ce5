/**
 * An album's uploaded images plus which local job each came from (so a click can open the photo
 * panel with its editable title). Reloaded when albums change or one of its jobs finishes.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { ImageView } from '../../shared/api';
import type { ErrorView } from '../../shared/errors';
import { useApi } from './HostContext';
import { useEngineEvents } from './useEngineEvents';

const RELOAD_THROTTLE_MS = 1000;

export interface AlbumImages {
  images: ImageView[] | null;
  jobByImageId: Map<string, number>;
  error: ErrorView | null;
}

/** `refreshKey`: bump it to reload now (e.g. after a title was edited). */
export function useAlbumImages(albumId: string, refreshKey = 0): AlbumImages {
  const api = useApi();
  const [state, setState] = useState<AlbumImages>({ images: null, jobByImageId: new Map(), error: null });
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  const load = useCallback(async () => {
    const [images, jobs] = await Promise.all([api.listAlbumImages(albumId), api.listJobs({ albumId, filter: 'done', limit: 5000 })]);
    const jobByImageId = new Map<string, number>();
    if (jobs.ok) for (const job of jobs.value.jobs) if (job.imageId) jobByImageId.set(job.imageId, job.id);
    setState(images.ok ? { images: images.value, jobByImageId, error: null } : (s) => ({ ...s, error: images.error }));
  }, [api, albumId]);

  const scheduleLoad = useCallback(() => {
    if (timer.current) return;
    timer.current = setTimeout(() => {
      timer.current = null;
      void load();
    }, RELOAD_THROTTLE_MS);
  }, [load]);

  useEffect(() => {
    void load();
    return () => {
      if (timer.current) clearTimeout(timer.current);
      timer.current = null;
    };
  }, [load, refreshKey]);

  useEngineEvents((events) => {
    const relevant = events.some(
      (event) => event.type === 'albumsChanged' || (event.type === 'jobsChanged' && event.jobs.some((job) => job.albumId === albumId && job.status === 'done')),
    );
    if (relevant) scheduleLoad();
  });
  return state;
}
