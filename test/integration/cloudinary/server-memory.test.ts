/**
 * The local Cloudinary reads the metadata of every stored photo (image_metadata). exifr keeps every
 * options object it is given, forever, keyed by identity: fresh options per upload made demo mode
 * grow by ~16 KB per photo (1.77 GB after 100,000). The heap after many reads must stay flat.
 */
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { readImageMetadata } from '../../../src/main/localstack/cloudinary/describe';
import { fixturesDir } from '../../helpers/paths';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

async function heapAfterGc(): Promise<number> {
  for (let i = 0; i < 3; i += 1) {
    gc();
    await new Promise((resolve) => setImmediate(resolve));
  }
  return process.memoryUsage().heapUsed;
}

describe('local Cloudinary memory', () => {
  it('reading image_metadata of 1,500 photos leaves the heap flat (< 2 MB growth)', async () => {
    const photo = path.join(fixturesDir, 'iptc-xmp/nikon-d1x-reagan.jpg');
    for (let i = 0; i < 50; i += 1) await readImageMetadata(photo); // warm-up: code, dictionaries
    const before = await heapAfterGc();
    let tags = 0;
    for (let i = 0; i < 1500; i += 1) tags += Object.keys(await readImageMetadata(photo)).length;
    const growth = (await heapAfterGc()) - before;
    expect(tags).toBeGreaterThan(1500); // the reads did find metadata
    expect(growth / 1e6).toBeLessThan(2);
  });
});
