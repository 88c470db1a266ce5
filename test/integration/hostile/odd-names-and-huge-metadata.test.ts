/**
 * Names and metadata no camera writes, through the built CLI to the local Cloudinary-compatible server
 * and album backend: a file name holding ESC, a line break and a quote (it once broke the upload's
 * multipart header and ended as a "temporary problem", retried without end), and titles of megabytes
 * (they once failed their photo for good). Each photo is uploaded exactly once, its name kept as it is
 * and its metadata capped.
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { crc32 } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { METADATA_LIMITS } from '../../../src/shared/metadata';
import { ndjson, runCli } from '../../helpers/cli';
import { fixturesDir, requireBuiltCli } from '../../helpers/paths';
import { sha1Of } from '../../helpers/photos';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, startSurvivalStack, type SurvivalStack } from '../survival/harness';

function xmpWith(title: string, keywords: string[] = []): string {
  const subject = keywords.length ? `<dc:subject><rdf:Bag>${keywords.map((k) => `<rdf:li>${k}</rdf:li>`).join('')}</rdf:Bag></dc:subject>` : '';
  return (
    '<?xpacket begin="\uFEFF" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title}</rdf:li></rdf:Alt></dc:title>${subject}` +
    '</rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>'
  );
}

/** A real PNG with an XMP packet (an iTXt chunk, as exiftool writes it) right after its header chunk. */
function pngWithXmp(source: string, target: string, xmp: string): void {
  const png = readFileSync(source);
  const afterHeader = 8 + 25; // signature, then IHDR: length, type, 13 bytes, CRC
  const data = Buffer.concat([Buffer.from('XML:com.adobe.xmp\0\0\0\0\0', 'latin1'), Buffer.from(xmp, 'utf8')]);
  const typeAndData = Buffer.concat([Buffer.from('iTXt', 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  writeFileSync(target, Buffer.concat([png.subarray(0, afterHeader), length, typeAndData, crc, png.subarray(afterHeader)]));
}

describe('odd names and huge metadata', () => {
  let stack: SurvivalStack;
  let root: string;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
    root = tempDir('pixdrop-odd-');
  });
  afterAll(() => stack?.close());

  const upload = async (folder: string, dataDir: string) => {
    const result = await runCli(['upload', folder, '--album-from-folder', '--json'], stack.envFor(dataDir), 60_000);
    expect(result.signal, `the run did not finish by itself\n${result.stdout}\n${result.stderr}`).toBeNull();
    return { result, events: ndjson(result.stdout) };
  };
  const recordOf = (sha1: string) => stack.backend.listImages().find((r) => (r.infos as { public_id?: string }).public_id === `pixdrop/${sha1}`);

  it('a file named with ESC, a line break and a quote uploads exactly once, its name kept in metadatas[filename]', async () => {
    const folder = path.join(root, 'Names');
    mkdirSync(folder);
    const name = 'Trip \u001b[31mred\u001b[0m "quoted"\nsecond line.jpg';
    const file = path.join(folder, name);
    copyFileSync(path.join(fixturesDir, 'cameras/nikon-e950.jpg'), file);
    const { result, events } = await upload(folder, 'names');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    const photo = { path: file, sha1: sha1Of(file), size: 164151 };
    const report = exactlyOnceReport(stack, [photo]);
    expect(report.perPhoto[0]).toMatchObject({ records: 1, assets: 1, storedSha1: photo.sha1 });
    expect(recordOf(photo.sha1)?.metadatas.filename).toBe(name);
  }, 90_000);

  it('a name that is not valid UTF-8 is reported as such (not as a vanished file); the other photo uploads', async () => {
    const folder = path.join(root, 'Latin1');
    mkdirSync(folder);
    copyFileSync(path.join(fixturesDir, 'cameras/nikon-e950.jpg'), Buffer.concat([Buffer.from(`${folder}/caf`), Buffer.from([0xe9]), Buffer.from('.jpg')]));
    copyFileSync(path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'), path.join(folder, 'fine.jpg'));
    const { result, events } = await upload(folder, 'latin1');
    expect(result.code).toBe(1);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 1 });
    const failed = events.filter((e) => e.type === 'file-failed');
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ path: path.join(folder, 'caf\uFFFD.jpg'), error: { code: 'UNREADABLE' } });
    expect(String((failed[0]!.error as { message: string }).message)).toContain('not valid UTF-8');
  }, 90_000);

  it("an 11 MB title in a photo's XMP: the photo uploads with its title cut to the cap", async () => {
    const folder = path.join(root, 'Embedded');
    mkdirSync(folder);
    const file = path.join(folder, 'long-title.png');
    pngWithXmp(path.join(fixturesDir, 'formats/png/nikon-d70-exif-iptc.png'), file, xmpWith('Á'.repeat(5_500_000)));
    const { result, events } = await upload(folder, 'embedded');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    const title = recordOf(sha1Of(file))?.metadatas.title;
    expect(title).toBe('Á'.repeat(METADATA_LIMITS.title));
    console.log(`11 MB embedded title: uploaded, peak memory ${Math.round((result.peakRss ?? 0) / 1e6)} MB`);
  }, 90_000);

  it('a sidecar with a 3 MB title and 2,000 keywords: the photo uploads with title and keywords capped', async () => {
    const folder = path.join(root, 'Sidecar');
    mkdirSync(folder);
    const file = path.join(folder, 'IMG_0001.jpg');
    copyFileSync(path.join(fixturesDir, 'cameras/canon-eos-1300d.jpg'), file);
    const keywords = Array.from({ length: 2000 }, (_, i) => `keyword-${i}`);
    writeFileSync(path.join(folder, 'IMG_0001.xmp'), xmpWith(`Sunset ${'🌅'.repeat(750_000)}`, keywords));
    const { result, events } = await upload(folder, 'sidecar');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    const metadatas = recordOf(sha1Of(file))!.metadatas;
    const title = String(metadatas.title);
    // Cut at a character boundary: 'Sunset ' (7) + whole emoji (2 code units each) within the cap.
    expect(title).toBe(`Sunset ${'🌅'.repeat(Math.floor((METADATA_LIMITS.title - 7) / 2))}`);
    expect(metadatas.keywords).toEqual(keywords.slice(0, METADATA_LIMITS.keywordCount));
  }, 90_000);

  it('a sidecar of 11 MB is not read: the photo uploads without it, and the notice names the sidecar', async () => {
    const folder = path.join(root, 'HugeSidecar');
    mkdirSync(folder);
    const file = path.join(folder, 'IMG_0002.jpg');
    copyFileSync(path.join(fixturesDir, 'cameras/olympus-pen-e-p3.jpg'), file);
    const sidecar = path.join(folder, 'IMG_0002.xmp');
    writeFileSync(sidecar, xmpWith('x'.repeat(11_000_000)));
    const { result, events } = await upload(folder, 'huge-sidecar');
    expect(result.code, result.stdout + result.stderr).toBe(0);
    expect(events.at(-1)).toMatchObject({ type: 'summary', uploaded: 1, failed: 0 });
    const notices = events.filter((e) => e.type === 'notice').map((e) => String(e.message));
    expect(notices.some((m) => m.includes(sidecar) && m.includes('MB'))).toBe(true);
    expect(recordOf(sha1Of(file))?.metadatas.title).toBeUndefined();
  }, 90_000);
});
