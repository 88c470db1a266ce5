/**
 * The update decision against a real feed: an HTTP server on 127.0.0.1 serves channel files in
 * electron-updater's format (version, files[{url, sha512, size}], path, sha512, releaseDate) and a
 * package file, and the plain check fetches, parses and decides on them for real — and downloads
 * the file only when its bytes are the ones the feed describes.
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { checkForUpdate, installId } from '../../../src/main/updates/check';
import { channelFileName } from '../../../src/main/updates/feed';
import { downloadVerified } from '../../../src/main/updates/verify';
import { tempDir } from '../../helpers/stack';

const PACKAGE = Buffer.from('pretend this is PixDrop-0.2.0.AppImage, '.repeat(5_000));
const PACKAGE_SHA512 = createHash('sha512').update(PACKAGE).digest('base64');
/** An id in the first fifth of installations and one in the last (bytes 12-15 place it). */
const EARLY_ID = '6f1c0d3e-2b4a-4c5d-8e9f-000000001000';
const LATE_ID = '6f1c0d3e-2b4a-4c5d-8e9f-0000fffffff0';

let server: http.Server;
let base: string;
let files: Map<string, string | Buffer>;
let requests: string[];

function channelFile(version: string, extra = ''): string {
  return [
    `version: ${version}`,
    'files:',
    `  - url: PixDrop-${version}-linux-x86_64.AppImage`,
    `    sha512: ${PACKAGE_SHA512}`,
    `    size: ${PACKAGE.length}`,
    `path: PixDrop-${version}-linux-x86_64.AppImage`,
    `sha512: ${PACKAGE_SHA512}`,
    "releaseDate: '2026-11-30T10:00:00.000Z'",
    extra,
  ].join('\n');
}

const feedName = (channel = 'latest') => channelFileName(channel, process.platform, process.arch);

const check = (o: { version?: string; id?: string; feed?: string | null } = {}) =>
  checkForUpdate({
    feedBaseUrl: o.feed === undefined ? base : o.feed,
    currentVersion: o.version ?? '0.1.0',
    platform: process.platform,
    arch: process.arch,
    installId: o.id ?? EARLY_ID,
    fileKinds: ['AppImage'],
  });

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    const name = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname.replace(/^\/desktop\//, ''));
    if (name.startsWith('broken/')) return void res.writeHead(500).end('upstream down');
    const body = files.get(name);
    if (body === undefined) return void res.writeHead(404).end('not found');
    res.writeHead(200, { 'content-type': name.endsWith('.yml') ? 'text/yaml' : 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/desktop/`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

beforeEach(() => {
  files = new Map([['PixDrop-0.2.0-linux-x86_64.AppImage', PACKAGE]]);
  requests = [];
});

describe('update check against a local feed', () => {
  it('offers a newer version with its file resolved against the feed, and downloads it only whole and matching', async () => {
    files.set(feedName(), channelFile('0.2.0'));
    const decision = await check();
    expect(requests).toEqual([`GET /desktop/${feedName()}`]);
    expect(decision).toMatchObject({
      kind: 'available',
      version: '0.2.0',
      releaseDate: '2026-11-30T10:00:00.000Z',
      message: 'PixDrop 0.2.0 is available (you have 0.1.0).',
    });
    if (decision.kind !== 'available') throw new Error('no update');
    expect(decision.file).toEqual({ url: `${base}PixDrop-0.2.0-linux-x86_64.AppImage`, sha512: PACKAGE_SHA512, size: PACKAGE.length });

    const dir = tempDir('pixdrop-update-');
    const dest = path.join(dir, 'PixDrop.AppImage');
    expect(await downloadVerified(decision.file, dest)).toEqual({ ok: true });
    expect(readFileSync(dest).equals(PACKAGE)).toBe(true);
  });

  it('keeps nothing of a download whose bytes are not the ones the feed describes', async () => {
    files.set(feedName(), channelFile('0.2.0'));
    const tampered = Buffer.from(PACKAGE);
    tampered[100] ^= 0xff;
    files.set('PixDrop-0.2.0-linux-x86_64.AppImage', tampered);
    const decision = await check();
    if (decision.kind !== 'available') throw new Error('no update');
    const dir = tempDir('pixdrop-update-');
    const verdict = await downloadVerified(decision.file, path.join(dir, 'PixDrop.AppImage'));
    expect(verdict).toEqual({
      ok: false,
      message: expect.stringMatching(/does not match the sha512 the feed gives; it was deleted and nothing was installed/),
    });
    expect(readdirSync(dir)).toEqual([]);

    files.set('PixDrop-0.2.0-linux-x86_64.AppImage', PACKAGE.subarray(0, 1000));
    expect(await downloadVerified(decision.file, path.join(dir, 'PixDrop.AppImage'))).toMatchObject({
      ok: false,
      message: expect.stringContaining(`is 1000 bytes, the feed says ${PACKAGE.length}`),
    });
    expect(readdirSync(dir)).toEqual([]);
  });

  it('says up to date for the same version, and never offers an older one', async () => {
    files.set(feedName(), channelFile('0.2.0'));
    expect(await check({ version: '0.2.0' })).toMatchObject({ kind: 'up-to-date', message: 'PixDrop 0.2.0 is up to date.' });
    expect(await check({ version: '0.3.1' })).toMatchObject({
      kind: 'up-to-date',
      message: 'PixDrop 0.3.1 is up to date (the feed offers 0.2.0, older: PixDrop never goes back).',
    });
  });

  it('gives a staged rollout to the share of installations it names, by install id', async () => {
    files.set(feedName(), channelFile('0.2.0', 'stagingPercentage: 20'));
    expect(await check({ id: EARLY_ID })).toMatchObject({ kind: 'available' });
    expect(await check({ id: LATE_ID })).toMatchObject({
      kind: 'not-in-rollout',
      message: 'PixDrop 0.2.0 is being rolled out to 20 % of installations; this one gets it later.',
    });
    files.set(feedName(), channelFile('0.2.0', 'stagingPercentage: 100'));
    expect(await check({ id: LATE_ID })).toMatchObject({ kind: 'available' });
  });

  it('reads a prerelease channel from its own file and keeps prereleases off the release channel', async () => {
    files.set(feedName(), channelFile('0.3.0-beta.1'));
    expect(await check({ version: '0.2.0' })).toMatchObject({
      kind: 'other-channel',
      message: expect.stringContaining('0.3.0-beta.1 is a beta version, not offered on latest'),
    });
    files.set(feedName('beta'), channelFile('0.3.0-beta.2'));
    requests = [];
    expect(await check({ version: '0.3.0-beta.1' })).toMatchObject({ kind: 'available', version: '0.3.0-beta.2' });
    expect(requests).toEqual([`GET /desktop/${feedName('beta')}`]);
  });

  it.each([
    ['not YAML', 'version: [0.2.0\nfiles: {', /is damaged: it is not YAML/],
    ['a file without its sha512', 'version: 0.2.0\nfiles:\n  - url: PixDrop.AppImage\n    size: 10\n', /is damaged: files\.0\.sha512 /],
    ['a sha512 that is not one', channelFile('0.2.0').replace(PACKAGE_SHA512, 'abc'), /is damaged: files\.0\.sha512 must be a base64 sha512/],
    ['no files at all', 'version: 0.2.0\nfiles: []\n', /is damaged: files /],
    ['an HTML page', '<html><body>Welcome to nginx</body></html>', /is damaged: the file /],
  ])('says clearly when the feed is %s, and stays on this version', async (_what, text, message) => {
    files.set(feedName(), text);
    const decision = await check();
    expect(decision).toMatchObject({ kind: 'malformed', version: null, message: expect.stringMatching(message) });
    expect(decision.message).toContain(`${base}${feedName()}`);
  });

  it('names a version that is not a version number', async () => {
    files.set(feedName(), channelFile('next-friday'));
    expect(await check()).toMatchObject({
      kind: 'malformed',
      message: expect.stringContaining('names version "next-friday", which is not a version number. PixDrop stays on 0.1.0.'),
    });
  });

  it('says the update server cannot be reached (nothing listening, an HTTP error, no feed file) and never throws', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    expect(await check({ feed: `http://127.0.0.1:${port}/desktop/` })).toMatchObject({
      kind: 'unreachable',
      message: `The update server http://127.0.0.1:${port} could not be reached (ECONNREFUSED); PixDrop stays on this version and asks again later.`,
    });
    expect(await check({ feed: `${base}broken` })).toMatchObject({ kind: 'unreachable', message: expect.stringContaining('answered HTTP 500') });
    expect(await check()).toMatchObject({ kind: 'unreachable', message: expect.stringContaining('answered HTTP 404') });
    expect(await check({ feed: null })).toMatchObject({ kind: 'unavailable', message: expect.stringContaining('no update feed') });
  });

  it('keeps one install id per data dir', () => {
    const dir = tempDir('pixdrop-update-id-');
    const id = installId(dir);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(installId(dir)).toBe(id);
    expect(existsSync(path.join(dir, 'update-id'))).toBe(true);
  });
});
