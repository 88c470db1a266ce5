/**
 * Metadata agreement with exiftool on real photos from many makers that the shared fixtures do not hold
 * (test/fixtures/heldout, SOURCES.md there): values derived as exiftool derives them (ISO from maker notes,
 * the maker note's layout chosen by its header and the Make), never per file or per model.
 * Known, explained differences (13 of 1890): the 0 exiftool reports for an unknown ISO or focal length and the
 * blank or all-zero DateTimeOriginal it prints (we omit unknown values), Nikon's two-number ISO that exiftool -n
 * gives raw ("0 200"; we send 200, what it prints), and a FLIR lens kept in FLIR's own records.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';
import { measureAgreement, printAgreement, readExpected } from '../../helpers/metadata-agreement';

const heldout = path.join(repoRoot, 'test/fixtures/heldout');
const expected = readExpected(heldout);
const keys = Object.keys(expected);
const makers = new Set(
  keys.map((key) =>
    String(expected[key]!.Make)
      .trim()
      .split(/[\s,.]+/)[0]!
      .toUpperCase(),
  ),
);

describe('metadata agreement with exiftool on held-out photos', () => {
  it('agrees on at least 99.3 % of compared values over photos from 30 makers not in the fixtures', async () => {
    const agreement = await measureAgreement(heldout, expected, keys);
    printAgreement(`Held-out photos: ${keys.length} files, ${makers.size} makers`, agreement);
    expect(keys.length).toBeGreaterThanOrEqual(100);
    expect(makers.size).toBeGreaterThanOrEqual(30);
    expect(agreement.agree / agreement.total).toBeGreaterThanOrEqual(0.993);
  });
});
