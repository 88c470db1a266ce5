/** A shallow walk (a watched folder where something changed) gives the folder's own photos, not its subfolders'. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { isWalkProblem, walkPhotos } from '../../../src/main/engine/discover/walk';
import { useTempDir } from '../../helpers/temp-dir';

async function names(root: string, shallow: boolean): Promise<string[]> {
  const found: string[] = [];
  for await (const item of walkPhotos([root], { shallow })) if (!isWalkProblem(item)) found.push(item.relativePath);
  return found.sort();
}

describe('walkPhotos, shallow', () => {
  it('gives the folder’s own photos only; the full walk gives the subfolders’ too', async () => {
    const root = useTempDir('pixdrop-shallow-');
    mkdirSync(path.join(root, 'Day 1', 'Rejects'), { recursive: true });
    for (const file of ['top.jpg', 'Day 1/a.jpg', 'Day 1/Rejects/b.jpg']) writeFileSync(path.join(root, file), 'x');
    expect(await names(root, true)).toEqual(['top.jpg']);
    expect(await names(root, false)).toEqual(['Day 1/Rejects/b.jpg', 'Day 1/a.jpg', 'top.jpg']);
  });
});
