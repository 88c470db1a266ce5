/**
 * IPTC read as far as exiftool reads it: up to the first dataset without the 0x1C marker or running past the block.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { iptcAsExiftoolReads, iptcDatasetsRead } from '../../../src/main/engine/metadata/iptc-extent';
import { inspectPhoto } from '../../../src/main/engine/read/inspect';
import { foundFileIn } from '../../helpers/metadata-agreement';
import { fixturesDir, repoRoot } from '../../helpers/paths';

const dataset = (record: number, tag: number, text: string) => {
  const value = Buffer.from(text, 'latin1');
  const head = Buffer.from([0x1c, record, tag, 0, 0]);
  head.writeUInt16BE(value.length, 3);
  return Buffer.concat([head, value]);
};

describe('iptcDatasetsRead', () => {
  it('reads a whole block (zero padding after it included) as whole', () => {
    const block = Buffer.concat([dataset(1, 90, '\u001b%G'), dataset(2, 25, 'sea'), dataset(2, 25, 'sky'), Buffer.alloc(6)]);
    expect(iptcDatasetsRead(block)).toBeUndefined();
  });

  it('stops at a dataset without its marker or longer than the block, counting what came before', () => {
    const broken = Buffer.concat([dataset(2, 5, 'Title'), dataset(2, 25, 'sea'), Buffer.from([0x00, 0x02]), dataset(2, 25, 'stray')]);
    expect(iptcDatasetsRead(broken)).toEqual(
      new Map([
        [5, 1],
        [25, 1],
      ]),
    );
    const tooLong = Buffer.concat([dataset(2, 25, 'sea'), Buffer.from([0x1c, 2, 25, 0x00, 0x40]), Buffer.from('sky')]);
    expect(iptcDatasetsRead(tooLong)).toEqual(new Map([[25, 1]]));
  });
});

describe('iptcAsExiftoolReads on a real photo', () => {
  const heldout2 = path.join(repoRoot, 'test/fixtures/heldout-2');

  it('drops the keyword a search past a broken CodedCharacterSet dataset found', async () => {
    const jpeg = readFileSync(path.join(heldout2, 'exiv2/exiv2-bug444.jpg'));
    expect(iptcAsExiftoolReads({ 25: 'ize', 5: 'x' }, jpeg)).toEqual({});
    expect((await inspectPhoto(foundFileIn(heldout2, 'exiv2/exiv2-bug444.jpg'))).metadatas.keywords).toBeUndefined();
  });

  it('keeps every value of a JPEG whose IPTC reads whole, and of bytes that are not a JPEG', () => {
    const jpeg = readFileSync(path.join(fixturesDir, 'iptc-xmp/iptc-staff-photographer-example.jpg'));
    expect(iptcAsExiftoolReads({ 25: ['a', 'b'] }, jpeg)).toEqual({ 25: ['a', 'b'] });
    expect(iptcAsExiftoolReads({ 25: 'a' }, Buffer.from('II*\u0000'))).toEqual({ 25: 'a' });
  });
});
