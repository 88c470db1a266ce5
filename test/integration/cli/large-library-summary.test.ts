/**
 * A run's files are reported from the library a page at a time (upload.ts: reportFromLibrary): a library of more
 * photos than one page still has every photo said once and counted, also those no event announces (a second run
 * of the same folder: every photo is already in the album, nothing changes, only the library says so).
 */
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fixturesDir, requireBuiltCli } from '../../helpers';
import { ndjson, runCli } from '../../helpers/cli';
import { startTestStack, type TestStack } from '../../helpers/stack';

/** One page is 1,000 jobs: a few more make a second page. */
const PHOTOS = 1_050;

/** `count` distinct small JPEGs (a camera photo with a comment segment that differs). */
function distinctPhotos(folder: string, count: number): void {
  mkdirSync(folder, { recursive: true });
  const base = readFileSync(path.join(fixturesDir, 'iptc-xmp/nikon-d1x-reagan.jpg'));
  for (let i = 0; i < count; i += 1) {
    const text = Buffer.from(`large-library-${i}`);
    const head = Buffer.alloc(4);
    head.writeUInt16BE(0xfffe, 0);
    head.writeUInt16BE(text.length + 2, 2);
    const fd = openSync(path.join(folder, `IMG_${String(i).padStart(5, '0')}.jpg`), 'w');
    writeSync(fd, Buffer.concat([base.subarray(0, 2), head, text, base.subarray(2)]));
    closeSync(fd);
  }
}

describe('a library of more than one page of jobs', () => {
  let stack: TestStack;
  let folder: string;
  beforeAll(() => requireBuiltCli());
  beforeEach(async () => {
    stack = await startTestStack();
    folder = path.join(stack.dir, 'Season');
    distinctPhotos(folder, PHOTOS);
  });
  afterEach(() => stack?.close());

  it('says and counts every photo of a second run as already in the album', async () => {
    const first = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.env, 170_000);
    expect(first.code, first.stderr).toBe(0);
    expect(ndjson(first.stdout).at(-1)).toMatchObject({ type: 'summary', uploaded: PHOTOS, skipped: 0 });

    const again = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.env, 60_000);
    expect(again.code, again.stderr).toBe(0);
    const events = ndjson(again.stdout);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 0, skipped: PHOTOS });
    const said = events.filter((e) => e.type === 'file-skipped').map((e) => e.path as string);
    expect(new Set(said).size).toBe(PHOTOS);
    expect(said).toHaveLength(PHOTOS);
  }, 240_000);
});
