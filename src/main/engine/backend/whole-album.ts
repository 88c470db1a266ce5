/**
 * Every record of an album, page by page, as the upload run learns an album before sending to it
 * (pipeline/album-contents.ts): the backend answers 100 records when no page is asked for, so an album of
 * more would look shorter than it is (a dry run would plan to send what is there already).
 */
import type { BackendClient, ImageRecord } from './client';

/** The most records the contract lets one page hold (contract §4: per_page at most 1000). */
export const WHOLE_ALBUM_PER_PAGE = 1000;

export async function listWholeAlbum(client: Pick<BackendClient, 'listImagesPage'>, albumId: string): Promise<ImageRecord[]> {
  const byId = new Map<string, ImageRecord>();
  // A short page is the last; with X-Total-Count, a full last page needs no empty one after it.
  for (let page = 1, more = true; more; page += 1) {
    const { records, total } = await client.listImagesPage(albumId, { page, perPage: WHOLE_ALBUM_PER_PAGE });
    records.forEach((r) => byId.set(r.id, r)); // a record seen on two pages as the album grew counts once
    more = records.length === WHOLE_ALBUM_PER_PAGE && (total === null || page * WHOLE_ALBUM_PER_PAGE < total);
  }
  return [...byId.values()];
}
