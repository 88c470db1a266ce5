/**
 * Metadata agreement with exiftool on real photos from many makers that the shared fixtures do not hold
 * (test/fixtures/heldout, SOURCES.md there): values derived as exiftool derives them (ISO from maker notes,
 * f-number and exposure from APEX values), never per file or per model.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';
import { measureAgreement, printAgreement, readExpected } from '../../helpers/metadata-agreement';

const heldout = path.join(repoRoot, 'test/fixtures/heldout');
const expected = readExpected(heldout);
const keys = Object.keys(expected);
const makers = new Set(keys.map((key) => String(expected[key]!.Make).trim().split(/[\s,.]+/)[0]!.toUpperCase()));

describe('metadata agreement with exiftool on held-out photos', () => {
  it('agrees on at least 99 % of compared values over photos from 30 makers not in the fixtures', async () => {
    const agreement = await measureAgreement(heldout, expected, keys);
    printAgreement(`Held-out photos: ${keys.length} files, ${makers.size} makers`, agreement);
    expect(keys.length).toBeGreaterThanOrEqual(100);
    expect(makers.size).toBeGreaterThanOrEqual(30);
    expect(agreement.agree / agreement.total).toBeGreaterThanOrEqual(0.99);
  });
});
