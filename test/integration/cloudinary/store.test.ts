/** The local Cloudinary's index: kept across restarts, one row per change, and storage from earlier versions taken over. */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloudinaryStore, type AssetRecord } from '../../../src/main/localstack/cloudinary/store';
import { useTempDir } from '../../helpers/temp-dir';

function record(publicId: string): Omit<AssetRecord, 'file' | 'writes'> {
  return {
    public_id: publicId,
    asset_id: 'a1',
    version: 1,
    version_id: 'v1',
    bytes: 5,
    format: 'jpg',
    width: 1,
    height: 1,
    etag: 'e',
    tags: [],
    type: 'authenticated',
    resource_type: 'image',
    created_at: '2026-01-01T00:00:00Z',
    original_filename: 'x',
    response: { ok: true },
  };
}

describe('local Cloudinary store', () => {
  it('finds assets and partial uploads again after a restart, and counts rewrites of a public_id', () => {
    const dir = useTempDir('pixdrop-store-');
    const first = new CloudinaryStore(dir);
    for (const n of [1, 2]) {
      const incoming = first.incomingPath();
      writeFileSync(incoming, `bytes ${n}`);
      first.commitAsset(incoming, record('pixdrop/abc'));
    }
    first.recordPartial('upload-1', 5_242_880, 1000);
    first.close();
    const second = new CloudinaryStore(dir);
    expect(second.findAsset('pixdrop/abc')).toMatchObject({ public_id: 'pixdrop/abc', writes: 2, response: { ok: true } });
    expect(second.listAssets()).toHaveLength(1);
    expect(second.partialReceived('upload-1')).toBe(5_242_880);
    second.dropPartial('upload-1');
    expect(second.hasPartial('upload-1')).toBe(false);
    second.close();
  });

  it('takes over the index.json of earlier versions once', () => {
    const dir = useTempDir('pixdrop-store-');
    mkdirSync(dir, { recursive: true });
    const legacy = {
      assets: { 'pixdrop/old': { ...record('pixdrop/old'), file: 'old.jpg', writes: 1 } },
      partials: { 'upload-9': { received: 7, updatedAt: 1 } },
    };
    writeFileSync(path.join(dir, 'index.json'), JSON.stringify(legacy));
    const store = new CloudinaryStore(dir);
    expect(store.findAsset('pixdrop/old')).toMatchObject({ file: 'old.jpg', writes: 1 });
    expect(store.partialReceived('upload-9')).toBe(7);
    expect(existsSync(path.join(dir, 'index.json'))).toBe(false);
    expect(existsSync(path.join(dir, 'index.json.imported'))).toBe(true);
    store.close();
  });
});
