/**
 * GET delivery URLs: {base}/{cloud}/{resource_type}/{type}/[transformation/]v{version}/{public_id}.{ext}
 * The original bytes, or for the UI's thumbnail transformation a displayable image: the original
 * when a browser can show it, else the photo's embedded EXIF thumbnail.
 */
import { createReadStream } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
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

export async function serveDelivery(req: IncomingMessage, res: ServerResponse, store: CloudinaryStore, cloudName: string): Promise<void> {
  const parsed = parseDeliveryPath(new URL(req.url ?? '/', 'http://localhost').pathname);
  const asset = parsed && parsed.cloud === cloudName ? parsed.publicIds.map((id) => store.findAsset(id)).find(Boolean) : undefined;
  if (!parsed || !asset) return sendBytes(res, 404, 'text/plain; charset=utf-8', 'Resource not found');
  const headOnly = req.method === 'HEAD';
  if (!parsed.transformation || BROWSER_DISPLAYABLE.has(asset.format)) return streamAsset(res, store, asset, headOnly);
  const thumbnail = await embeddedThumbnail(store.assetPath(asset));
  if (!thumbnail) return sendBytes(res, 404, 'text/plain; charset=utf-8', 'No preview available for this format');
  sendBytes(res, 200, 'image/jpeg', headOnly ? '' : thumbnail);
}
