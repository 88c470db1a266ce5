/**
 * GET delivery URLs: {base}/{cloud}/{resource_type}/{type}/[transformation/]v{version}/{public_id}.{ext}
 * The original bytes, or for the UI's thumbnail transformation a displayable image: the original
 * when a browser can show it, else the photo's embedded EXIF thumbnail. A HEIC/HEIF asked for with a
 * transformation or as .jpg is delivered as a JPEG, as Cloudinary converts it (decoded once and kept
 * by content; one size, THUMBNAIL_MAX_SIDE, whatever size the transformation names).
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { heicThumbnailsIn, isHeifName } from '../../engine/thumbnails/heic-thumbnails';
import { embeddedThumbnail } from './describe';
import type { AssetRecord, CloudinaryStore } from './store';

const CONTENT_TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  bmp: 'image/bmp',
  svg: 'image/svg+xml',
  tiff: 'image/tiff',
  heic: 'image/heic',
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  '3gp': 'video/3gpp',
  mts: 'video/mp2t',
  m2ts: 'video/mp2t',
  avi: 'video/x-msvideo',
};
const BROWSER_DISPLAYABLE = new Set(['jpg', 'jpeg', 'png', 'gif', 'webp', 'avif', 'bmp']);

export interface DeliveryPath {
  cloud: string;
  transformation: string | null;
  version: number | null;
  /** Candidates: with the extension stripped first, then as given (raw assets keep dots). */
  publicIds: string[];
  /** The extension the URL asks for (lower case), null without one: Cloudinary delivers in that format. */
  extension: string | null;
}

export interface DeliveryContext {
  store: CloudinaryStore;
  cloudName: string;
  renditionCacheDir: string;
}

/** Pure: parses the path part of a delivery URL; null when it is not one. */
export function parseDeliveryPath(pathname: string): DeliveryPath | null {
  const segments = pathname
    .split('/')
    .filter(Boolean)
    .map((s) => decodeURIComponent(s));
  if (segments.length < 4) return null;
  const [cloud, , , ...rest] = segments;
  const versionIndex = rest.findIndex((segment) => /^v\d+$/.test(segment));
  const transformation = versionIndex > 0 ? rest.slice(0, versionIndex).join('/') : null;
  const idSegments = versionIndex >= 0 ? rest.slice(versionIndex + 1) : rest;
  if (idSegments.length === 0) return null;
  const full = idSegments.join('/');
  const stripped = full.replace(/\.[^./]+$/, '');
  return {
    cloud,
    transformation,
    version: versionIndex >= 0 ? Number(rest[versionIndex].slice(1)) : null,
    publicIds: stripped === full ? [full] : [stripped, full],
    extension: stripped === full ? null : full.slice(stripped.length + 1).toLowerCase(),
  };
}

function sendBytes(res: ServerResponse, status: number, contentType: string, body: Buffer | string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body), 'access-control-allow-origin': '*' });
  res.end(body);
}

function streamAsset(res: ServerResponse, store: CloudinaryStore, asset: AssetRecord, headOnly: boolean): void {
  res.writeHead(200, {
    'content-type': CONTENT_TYPES[asset.format] ?? 'application/octet-stream',
    'content-length': asset.bytes,
    etag: `"${asset.etag}"`,
    'cache-control': 'public, max-age=31536000, immutable',
    'access-control-allow-origin': '*',
  });
  if (headOnly) {
    res.end();
    return;
  }
  createReadStream(store.assetPath(asset))
    .on('error', () => res.destroy())
    .pipe(res);
}

export async function serveDelivery(req: IncomingMessage, res: ServerResponse, c: DeliveryContext): Promise<void> {
  const parsed = parseDeliveryPath(new URL(req.url ?? '/', 'http://localhost').pathname);
  const asset = parsed && parsed.cloud === c.cloudName ? parsed.publicIds.map((id) => c.store.findAsset(id)).find(Boolean) : undefined;
  if (!parsed || !asset) return sendBytes(res, 404, 'text/plain; charset=utf-8', 'Resource not found');
  const headOnly = req.method === 'HEAD';
  const assetPath = c.store.assetPath(asset);
  if (isHeifName(assetPath) && (parsed.transformation || parsed.extension === 'jpg' || parsed.extension === 'jpeg')) {
    const decoded = await heicThumbnailsIn(c.renditionCacheDir).thumbnail(assetPath);
    if (!decoded.ok) return sendBytes(res, decoded.reason === 'busy' ? 503 : 422, 'text/plain; charset=utf-8', `No JPEG of this HEIC: ${decoded.message}`);
    return sendBytes(res, 200, 'image/jpeg', headOnly ? '' : decoded.jpeg);
  }
  if (!parsed.transformation || BROWSER_DISPLAYABLE.has(asset.format)) return streamAsset(res, c.store, asset, headOnly);
  const thumbnail = await embeddedThumbnail(assetPath);
  if (!thumbnail) return sendBytes(res, 404, 'text/plain; charset=utf-8', 'No preview available for this format');
  sendBytes(res, 200, 'image/jpeg', headOnly ? '' : thumbnail);
}
