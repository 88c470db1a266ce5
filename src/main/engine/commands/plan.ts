/**
 * The dry run's plan (contract §1 `--dry-run`): the same scan as a real run (scanFolders), each photo read for
 * its content hash, and the backend asked which albums exist and what they hold. GET requests only: nothing
 * is uploaded, registered or created, and the library is not written.
 */
import { stat } from 'node:fs/promises';
import type { IgnoredEntry, PixdropApi, UploadTarget } from '../../../shared/api';
import { AppError, toView, type ErrorView } from '../../../shared/errors';
import { albumDisplayName, albumMatchKey, albumNameForFolder } from '../discover/album-names';
import type { ScanRules } from '../discover/filters';
import { inspectPhoto } from '../read/inspect';
import type { Companions } from '../discover/pairs';
import { ignoredEntry, scanFolders } from '../discover/scan-folders';

export interface PlannedFile {
  path: string;
  action: 'new' | 'already-there' | 'replaces';
  album: string;
  /** Bytes this file would send (with its RAW or clip); when already there, only a RAW or clip its record does not name. */
  bytes: number;
  rawPath?: string;
  motionPath?: string;
}

export interface Plan {
  files: PlannedFile[];
  ignored: IgnoredEntry[];
  problems: { path: string; error: ErrorView }[];
  albumsToCreate: string[];
  bytes: number;
}

type AlbumApi = Pick<PixdropApi, 'listAlbums' | 'listAlbumImages'>;

/** The library's view of a path already uploaded to an album (a re-export is judged by it, as the real run does). */
export type KnownUpload = (path: string, album: { albumId: string | null; albumName: string | null }) => { size: number; mtimeMs: number } | null;

/** A file uploaded before whose size or modification time moved: what --on-change makes of it. */
function reExportAction(
  known: KnownUpload | undefined,
  file: { path: string; size: number; mtimeMs: number },
  target: UploadTarget,
  album: string,
  rules?: ScanRules,
) {
  const before = known?.(file.path, 'albumId' in target ? { albumId: target.albumId, albumName: null } : { albumId: null, albumName: album });
  if (!before || (before.size === file.size && before.mtimeMs === Math.floor(file.mtimeMs))) return null;
  const onChange = rules?.onChange ?? 'replace';
  return onChange === 'replace' ? 'replaces' : onChange === 'skip' ? 'already-there' : null;
}

async function unwrap<T>(result: Promise<{ ok: true; value: T } | { ok: false; error: ErrorView }>): Promise<T> {
  const r = await result;
  if (!r.ok) throw new AppError(r.error.code, r.error.message);
  return r.value;
}

/** Album name (or id) → the content hashes it holds, with each record's metadatas, asked once per album. */
function albumIndex(api: AlbumApi) {
  let albums: Promise<{ id: string; name: string }[]> | null = null;
  const contents = new Map<string, Promise<Map<string, Record<string, unknown>>>>();
  const idOf = async (target: UploadTarget, name: string) => {
    if ('albumId' in target) return target.albumId;
    albums ??= unwrap(api.listAlbums());
    return (await albums).find((a) => albumMatchKey(a.name) === albumMatchKey(name))?.id ?? null;
  };
  const hashesOf = (albumId: string) => {
    let known = contents.get(albumId);
    if (!known) {
      known = unwrap(api.listAlbumImages(albumId)).then((images) => new Map(images.map((i) => [String(i.metadatas.sha1 ?? ''), i.metadatas])));
      contents.set(albumId, known);
    }
    return known;
  };
  return { idOf, hashesOf };
}

const sizeOf = async (path: string | undefined) => (path ? ((await stat(path).catch(() => null))?.size ?? 0) : 0);

/** A photo already in the album still sends the RAW or clip beside it that its record does not name (a late RAW). */
async function unlinkedBytes(companions: Companions, record: Record<string, unknown> | undefined): Promise<number> {
  if (!record) return 0;
  return (record.raw_public_id ? 0 : await sizeOf(companions.raw?.path)) + (record.motion_public_id ? 0 : await sizeOf(companions.motion?.path));
}

export async function planUpload(
  api: AlbumApi,
  paths: string[],
  target: UploadTarget,
  rules?: ScanRules,
  o: { signal?: AbortSignal; known?: KnownUpload } = {},
): Promise<Plan> {
  const { signal } = o;
  const plan: Plan = { files: [], ignored: [], problems: [], albumsToCreate: [], bytes: 0 };
  const index = albumIndex(api);
  const toCreate = new Map<string, string>();
  for await (const item of scanFolders(paths, { rules, signal })) {
    if (item.kind === 'ignored') plan.ignored.push(ignoredEntry(item));
    else if (item.kind === 'problem') plan.problems.push({ path: item.path, error: item.error });
    else {
      const { file, companions } = item;
      const album = 'albumId' in target ? target.albumId : albumNameForFolder(file.path, file.root, target.mode);
      let inspected;
      try {
        inspected = await inspectPhoto(file, { signal });
      } catch (error) {
        plan.problems.push({ path: file.path, error: toView(error) });
        continue;
      }
      const albumId = await index.idOf(target, album);
      // The first folder of a name is the one the real run creates the album by (`WEDDING`, then `wedding`: "WEDDING").
      if (!albumId && !toCreate.has(albumMatchKey(album))) toCreate.set(albumMatchKey(album), albumDisplayName(album));
      const reExport = reExportAction(o.known, file, target, album, rules);
      const record = !reExport && albumId ? (await index.hashesOf(albumId)).get(inspected.sha1) : undefined;
      const there = reExport === 'already-there' || record !== undefined;
      const action = there ? 'already-there' : (reExport ?? 'new');
      const bytes = there
        ? await unlinkedBytes(companions, record)
        : inspected.size + (await sizeOf(companions.raw?.path)) + (await sizeOf(companions.motion?.path));
      plan.files.push({ path: file.path, action, album, bytes, rawPath: companions.raw?.path, motionPath: companions.motion?.path });
      plan.bytes += bytes;
    }
  }
  plan.albumsToCreate = [...toCreate.values()];
  return plan;
}
