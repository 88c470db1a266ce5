/**
 * POST /v1_1/:cloud/:resource_type/upload — plain uploads and chunks, checked like the real service,
 * bytes streamed to disk. Returns what to answer; the server decides how (faults live there).
 */
import type { IncomingMessage } from 'node:http';
import { rmSync, truncateSync } from 'node:fs';
import type { Clock } from '../../engine/types';
import { describeFile, readIfSmall } from './describe';
import { receiveUpload, type FileTarget, type Received } from './receive';
import { buildUploadResponse, publicIdFor } from './respond';
import { checkAuth, checkChunk, isFinalChunk, isRefusal, parseChunkHeaders, type ChunkHeaders, type Credentials, type Refusal } from './rules';
import type { CloudinaryStore } from './store';

export interface UploadContext {
  credentials: Credentials;
  store: CloudinaryStore;
  clock: Clock;
  baseUrl: string;
}

export interface Outcome {
  status: number;
  body: Record<string, unknown>;
  /** Set when the upload asked for a notification: sent after the answer. */
  notify?: { url: string; response: Record<string, unknown> };
}

const refused = (r: Refusal): Outcome => ({ status: r.status, body: { error: { message: r.message } } });

export function header(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export async function handleUpload(ctx: UploadContext, req: IncomingMessage, cloud: string, resourceType: string): Promise<Outcome> {
  const chunk = parseChunkHeaders(header(req, 'content-range'), header(req, 'x-unique-upload-id'));
  const slot: { target: FileTarget | null } = { target: null };
  const received = await receiveUpload(req, (fields) => {
    const refusal = precheck(ctx, cloud, fields, chunk);
    if (refusal) return refusal;
    slot.target =
      chunk && !isRefusal(chunk)
        ? { path: ctx.store.partialPath(chunk.uploadId), start: chunk.start }
        : { path: ctx.store.incomingPath(), start: 0, fresh: true };
    return slot.target;
  }).catch((error: unknown) => {
    // The client left mid-body: a plain upload's half-written file goes (a chunk's waits for its retry).
    if (slot.target && !chunk) rmSync(slot.target.path, { force: true });
    throw error;
  });
  const written = slot.target;
  if (received.refusal) {
    // A plain upload cut short leaves nothing behind (a chunk's bytes wait, unconfirmed, for a retry).
    if (written && !chunk) rmSync(written.path, { force: true });
    return refused(received.refusal);
  }
  if (!received.file || !written) {
    return refused(isRefusal(chunk) ? chunk : (precheck(ctx, cloud, received.fields, chunk) ?? { status: 400, message: 'Missing required parameter - file' }));
  }
  if (chunk && !isRefusal(chunk)) return finishChunk(ctx, received, chunk, resourceType);
  if (received.file.bytesWritten === 0) {
    rmSync(written.path, { force: true });
    return refused({ status: 400, message: 'Empty file' });
  }
  return storeAsset(ctx, received, written.path, resourceType);
}

function precheck(ctx: UploadContext, cloud: string, fields: Record<string, string>, chunk: ChunkHeaders | Refusal | null): Refusal | null {
  if (cloud !== ctx.credentials.cloudName) return { status: 401, message: `Invalid cloud_name ${cloud}` };
  const authRefusal = checkAuth(fields, ctx.credentials, ctx.clock.now());
  if (authRefusal) return authRefusal;
  if (isRefusal(chunk)) return chunk;
  return chunk ? checkChunk(chunk, ctx.store.partialReceived(chunk.uploadId)) : null;
}

async function finishChunk(ctx: UploadContext, received: Received, chunk: ChunkHeaders, resourceType: string): Promise<Outcome> {
  const length = chunk.end - chunk.start + 1;
  if (received.file!.bytesWritten !== length) {
    return refused({ status: 400, message: `Chunk has ${received.file!.bytesWritten} bytes but Content-Range announced ${length}` });
  }
  const confirmed = Math.max(ctx.store.partialReceived(chunk.uploadId), chunk.end + 1);
  if (!isFinalChunk(chunk)) {
    ctx.store.recordPartial(chunk.uploadId, confirmed, ctx.clock.now());
    return { status: 200, body: { done: false, bytes: confirmed, upload_id: chunk.uploadId } };
  }
  const partial = ctx.store.partialPath(chunk.uploadId);
  // A longer earlier attempt may have left bytes past the end.
  truncateSync(partial, chunk.total!);
  const outcome = await storeAsset(ctx, received, partial, resourceType);
  ctx.store.dropPartial(chunk.uploadId);
  return outcome;
}

function nextVersion(ctx: UploadContext, publicId: string): number {
  const now = Math.floor(ctx.clock.now() / 1000);
  const previous = ctx.store.findAsset(publicId)?.version ?? 0;
  // Two writes in the same second must still get distinct versions (URLs change with them).
  return Math.max(now, previous + 1);
}

async function storeAsset(ctx: UploadContext, received: Received, bytesPath: string, resourceType: string): Promise<Outcome> {
  const fields = received.fields;
  const publicId = publicIdFor(fields);
  const existing = ctx.store.findAsset(publicId);
  if (existing && (fields.overwrite === '0' || fields.overwrite === 'false')) {
    rmSync(bytesPath, { force: true });
    return { status: 200, body: { ...existing.response, existing: true } };
  }
  const filename = received.file!.filename;
  // A small file is held once (as it arrived, else read back); its md5, size and tags come from those bytes (the path, else).
  const whole = received.file!.whole ?? (await readIfSmall(bytesPath));
  const description = await describeFile(bytesPath, filename, whole);
  const version = nextVersion(ctx, publicId);
  const { apiKey, apiSecret, cloudName } = ctx.credentials;
  const response = await buildUploadResponse(
    { baseUrl: ctx.baseUrl, cloudName, apiKey, apiSecret, resourceType, nowMs: ctx.clock.now() },
    { fields, publicId, version, filename, description, source: whole ?? bytesPath, overwritten: !!existing },
  );
  ctx.store.commitAsset(bytesPath, {
    public_id: publicId,
    asset_id: String(response.asset_id),
    version,
    version_id: String(response.version_id),
    bytes: description.bytes,
    format: description.format,
    width: description.width,
    height: description.height,
    etag: description.etag,
    tags: response.tags as string[],
    type: String(response.type),
    resource_type: String(response.resource_type),
    created_at: String(response.created_at),
    original_filename: String(response.original_filename),
    response,
  });
  return { status: 200, body: response, notify: fields.notification_url ? { url: fields.notification_url, response } : undefined };
}
