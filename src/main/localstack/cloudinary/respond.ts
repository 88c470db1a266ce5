/**
 * Builds the upload response (cloudinary-protocol.md §6) for a freshly stored asset.
 */
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { responseSignature } from '../../engine/cloudinary/sign';
import { analysisStandIns, readImageMetadata, type Description } from './describe';

export interface ResponseContext {
  baseUrl: string;
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  resourceType: string;
  nowMs: number;
}

const requested = (value: string | undefined) => value === '1' || value === 'true';

export function deliveryUrl(
  ctx: Pick<ResponseContext, 'baseUrl' | 'cloudName'>,
  a: { resource_type: string; type: string; version: number; public_id: string; format: string },
): string {
  const id = a.public_id.split('/').map(encodeURIComponent).join('/');
  return `${ctx.baseUrl}/${ctx.cloudName}/${a.resource_type}/${a.type}/v${a.version}/${id}${a.format ? `.${a.format}` : ''}`;
}

export function randomPublicId(): string {
  return randomBytes(15)
    .toString('base64')
    .replace(/[^a-z0-9]/gi, '')
    .toLowerCase()
    .slice(0, 20);
}

export function publicIdFor(fields: Record<string, string>): string {
  if (fields.public_id) return fields.public_id;
  return fields.folder ? `${fields.folder.replace(/\/+$/, '')}/${randomPublicId()}` : randomPublicId();
}

export async function buildUploadResponse(
  ctx: ResponseContext,
  o: {
    fields: Record<string, string>;
    publicId: string;
    version: number;
    filename: string;
    description: Description;
    source: string | Buffer;
    overwritten: boolean;
  },
): Promise<Record<string, unknown>> {
  const { fields, description: d } = o;
  const resourceType = ctx.resourceType === 'auto' ? (d.video ? 'video' : d.width === null ? 'raw' : 'image') : ctx.resourceType;
  const type = fields.type || 'upload';
  const located = { resource_type: resourceType, type, version: o.version, public_id: o.publicId, format: d.format };
  const url = deliveryUrl(ctx, located);
  const response: Record<string, unknown> = {
    asset_id: createHash('md5').update(`${ctx.cloudName}/${o.publicId}`).digest('hex'),
    public_id: o.publicId,
    version: o.version,
    version_id: randomBytes(16).toString('hex'),
    signature: responseSignature(o.publicId, o.version, ctx.apiSecret),
    width: d.width,
    height: d.height,
    format: d.format,
    resource_type: resourceType,
    created_at: new Date(ctx.nowMs).toISOString().replace(/\.\d+Z$/, 'Z'),
    tags: fields.tags ? fields.tags.split(',').filter(Boolean) : [],
    bytes: d.bytes,
    type,
    etag: d.etag,
    placeholder: false,
    url,
    secure_url: url,
    access_mode: 'public',
    existing: false,
    original_filename: path.parse(o.filename).name,
    api_key: ctx.apiKey,
  };
  if (o.overwritten) response.overwritten = true;
  if (resourceType === 'video') Object.assign(response, videoFields(d));
  return addRequestedAnalyses(response, fields, o.source, d.etag);
}

/** What Cloudinary's video answer adds to the common fields. */
function videoFields(d: Description): Record<string, unknown> {
  const duration = d.video?.duration ?? null;
  return {
    duration,
    bit_rate: duration ? Math.round((d.bytes * 8) / duration) : null,
    is_audio: false,
    rotation: d.video?.rotation ?? 0,
  };
}

async function addRequestedAnalyses(
  response: Record<string, unknown>,
  fields: Record<string, string>,
  source: string | Buffer,
  etag: string,
): Promise<Record<string, unknown>> {
  const standIns = analysisStandIns(etag);
  if (requested(fields.image_metadata)) response.image_metadata = await readImageMetadata(source);
  if (requested(fields.phash)) response.phash = standIns.phash;
  if (requested(fields.colors)) {
    response.colors = standIns.colors;
    response.predominant = standIns.predominant;
  }
  if (requested(fields.faces)) response.faces = [];
  return response;
}
