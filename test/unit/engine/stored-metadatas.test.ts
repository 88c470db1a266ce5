import { describe, expect, it } from 'vitest';
import type { Metadatas } from '../../../src/shared/metadata';
import { packMetadatas, unpackMetadatas } from '../../../src/main/engine/library/stored-metadatas';

const columns = { relativePath: 'roll-1/IMG_1.jpg', sha1: 'a'.repeat(40), size: 1234, mimeType: 'image/jpeg' };
const scanned = {
  filename: 'IMG_1.jpg',
  relative_path: 'roll-1/IMG_1.jpg',
  sha1: 'a'.repeat(40),
  file_size: '1234',
  mime_type: 'image/jpeg',
  camera_make: 'NIKON',
  title: 'Dawn',
} as Metadatas;

describe('stored metadatas', () => {
  it('leaves out the facts the files row holds and gives back the same metadatas', () => {
    const stored = packMetadatas(scanned, columns);
    expect(JSON.parse(stored)).toEqual({ camera_make: 'NIKON', title: 'Dawn' });
    expect(unpackMetadatas(stored, columns)).toEqual(scanned);
  });

  it('keeps a value that differs from its column, and reads rows written whole before', () => {
    const renamed = { ...scanned, filename: 'Dawn over the bay.jpg' } as Metadatas;
    expect(unpackMetadatas(packMetadatas(renamed, columns), columns)).toEqual(renamed);
    expect(unpackMetadatas(JSON.stringify(scanned), columns)).toEqual(scanned);
  });
});
