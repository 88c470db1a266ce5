import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { responseSignature } from '../../../src/main/engine/cloudinary/sign';
import { uploadFile } from '../../../src/main/engine/cloudinary/upload';
import type { CloudinaryServer } from '../../../src/main/localstack/cloudinary-server';
import { CREDENTIALS, expected, photosDir, sha1Of, signerFor, startServer, tempDir } from './helpers';

const PIXDROP_PARAMS = { type: 'authenticated', tags: '42', faces: '1', colors: '1', image_metadata: '1', phash: '1' };

describe('plain upload of real photos', () => {
  const temp = tempDir('cld-plain');
  let server: CloudinaryServer;
  beforeAll(async () => {
    server = await startServer(temp.dir);
  });
  afterAll(async () => {
    await server.close();
    temp.remove();
  });

  const photos = [
    'cameras/canon-eos-1300d.jpg',
    'names/東京タワー 夜景.jpg',
    "names/100% #1 & more; [draft] it's.jpg",
    'formats/png/nikon-d70-exif-iptc.png',
    'raw/nikon-d70.nef',
  ];
  for (const relative of photos) {
    it(`stores ${relative} byte for byte and describes it`, async () => {
      const filePath = path.join(photosDir, relative);
      const size = statSync(filePath).size;
      const publicId = `pixdrop/${expected[relative].sha1}`;
      const result = await uploadFile({
        path: filePath,
        size,
        filename: path.basename(filePath),
        params: { ...PIXDROP_PARAMS, public_id: publicId },
        signer: signerFor(server),
        chunkSize: 20_000_000,
      });
      expect(result.public_id).toBe(publicId);
      expect(result.bytes).toBe(size);
      expect(result.signature).toBe(responseSignature(publicId, result.version, CREDENTIALS.apiSecret));
      expect(result.tags).toEqual(['42']);
      expect(result.type).toBe('authenticated');
      expect(result.original_filename).toBe(path.parse(relative).name);
      const stored = server.listAssets().find((a) => a.public_id === publicId)!;
      expect(await sha1Of(stored.filePath)).toBe(expected[relative].sha1);
      expect(stored.etag).toBe(result.etag);
      if (relative.startsWith('raw/')) {
        expect(result).toMatchObject({ width: null, height: null, format: 'nef' });
      } else {
        expect(result.width).toBe(expected[relative].ImageWidth);
        expect(result.height).toBe(expected[relative].ImageHeight);
      }
      // That PNG keeps its EXIF in a zTXt "Raw profile" text chunk, which exifr does not read.
      if (expected[relative].Make && result.format !== 'png') expect((result.image_metadata as Record<string, string>).Make).toBe(expected[relative].Make);
      expect(result.phash).toMatch(/^[0-9a-f]{16}$/);
      expect(result.faces).toEqual([]);
    });
  }

  it('serves the stored bytes at the delivery URL, and previews only what a browser can show', async () => {
    const jpeg = server.listAssets().find((a) => a.format === 'jpg')!;
    const secureUrl = `${server.url}/${CREDENTIALS.cloudName}/image/authenticated/v${jpeg.version}/${jpeg.public_id}.jpg`;
    const original = await fetch(secureUrl);
    expect(original.headers.get('content-type')).toBe('image/jpeg');
    expect(Buffer.from(await original.arrayBuffer()).equals(readFileSync(jpeg.filePath))).toBe(true);

    const thumbnailPath = (a: { version: number; public_id: string }) =>
      `${server.url}/${CREDENTIALS.cloudName}/image/authenticated/c_fill,h_300,w_300/v${a.version}/${a.public_id}.jpg`;
    const preview = await fetch(thumbnailPath(jpeg));
    expect(preview.status).toBe(200);
    expect(Buffer.from(await preview.arrayBuffer()).equals(readFileSync(jpeg.filePath))).toBe(true);

    // This NEF carries no EXIF IFD1 thumbnail: there is nothing a browser could show.
    const raw = server.listAssets().find((a) => a.format === 'nef')!;
    expect((await fetch(thumbnailPath(raw))).status).toBe(404);

    expect((await fetch(`${server.url}/${CREDENTIALS.cloudName}/image/authenticated/v1/does-not-exist.jpg`)).status).toBe(404);
  });

  it('overwrites the same public_id: one asset, two writes, a newer version', async () => {
    const filePath = path.join(photosDir, 'cameras/olympus-pen-e-p3.jpg');
    const size = statSync(filePath).size;
    const options = {
      path: filePath,
      size,
      filename: 'olympus-pen-e-p3.jpg',
      params: { type: 'authenticated', public_id: 'pixdrop/same' },
      signer: signerFor(server),
      chunkSize: 20_000_000,
    };
    const first = await uploadFile(options);
    const second = await uploadFile(options);
    expect(second.version).toBeGreaterThan(first.version);
    expect(second.overwritten).toBe(true);
    const matching = server.listAssets().filter((a) => a.public_id === 'pixdrop/same');
    expect(matching).toHaveLength(1);
    expect(matching[0].writes).toBe(2);
  });

  it('keeps assets across a restart on the same folder', async () => {
    const before = server.listAssets().length;
    await server.close();
    server = await startServer(temp.dir);
    expect(server.listAssets()).toHaveLength(before);
    const asset = server.listAssets()[0];
    expect(await sha1Of(asset.filePath)).toBe(await sha1Of(asset.filePath));
    expect(statSync(asset.filePath).size).toBe(asset.bytes);
  });
});
