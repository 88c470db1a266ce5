/**
 * Generators of hostile requests for the local servers, as raw bytes: each family starts from a
 * request the server accepts (signed with the demo stack's real credentials, so the mutations
 * reach the parsing and storing code behind the checks), then breaks it — at the level of fields
 * (nasty values, lying ranges, deep brackets) or of bytes (flips, cuts, splices, a lying
 * Content-Length, a half-closed connection).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { notificationSignature, signParams } from '../../../src/main/engine/cloudinary/sign';
import { fixturesDir } from '../paths';
import { NASTY_STRINGS, type Rand } from './random';

export interface FuzzTarget {
  webPort: number;
  webToken: string;
  cloudinaryPort: number;
  backendPort: number;
  cloudName: string;
  apiKey: string;
  apiSecret: string;
  userToken: string;
  webhookToken: string;
}

export interface FuzzRequest {
  family: string;
  port: number;
  bytes: Buffer;
  /** Half-close after sending (a client that leaves mid-request). */
  end: boolean;
}

type Headers = [string, string][];

/** encodeURIComponent, but a lone surrogate goes out as the invalid UTF-8 bytes it would be. */
function enc(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return value.replace(/[\uD800-\uDFFF]/g, '%ED%A0%80');
  }
}

const SEED_FILES = [
  'cameras/ricoh-rdc-5300.jpg',
  'gps/canon-powershot-s5-is.jpg',
  'formats/png/nikon-d70-exif-iptc.png',
  'formats/webp/htc-desire.webp',
  'broken/canon-eos-30d-corrupt-exif.jpg',
];
let seedBytes: Buffer[] | null = null;
function seedFile(r: Rand): Buffer {
  seedBytes ??= SEED_FILES.map((name) => readFileSync(path.join(fixturesDir, name)));
  return r.pick(seedBytes);
}

function head(method: string, target: string, headers: Headers): string {
  return `${method} ${target} HTTP/1.1\r\n${headers.map(([n, v]) => `${n}: ${v}\r\n`).join('')}\r\n`;
}

/** Byte-level damage: flips, cuts, inserted garbage, a repeated slice. */
export function mutateBytes(r: Rand, input: Buffer): Buffer {
  let out: Buffer = Buffer.from(input);
  for (let n = 1 + r.int(3); n > 0 && out.length > 0; n -= 1) {
    const at = r.int(out.length);
    switch (r.int(5)) {
      case 0:
        out[at] = r.int(256);
        break;
      case 1:
        out = out.subarray(0, at);
        break;
      case 2:
        out = Buffer.concat([out.subarray(0, at), r.bytes(1 + r.int(32)), out.subarray(at)]);
        break;
      case 3:
        out = Buffer.concat([out.subarray(0, at), out.subarray(at, at + 1 + r.int(200)), out.subarray(at)]);
        break;
      default:
        out = Buffer.concat([out.subarray(0, at), out.subarray(Math.min(out.length, at + 1 + r.int(64)))]);
    }
  }
  return out;
}

/** Head + body with a Content-Length that is usually true, sometimes a lie or absent or chunked. */
function assemble(r: Rand, family: string, port: number, method: string, target: string, headers: Headers, body: Buffer): FuzzRequest {
  let bodyBytes = r.chance(0.35) ? mutateBytes(r, body) : body;
  const all: Headers = [
    ['Host', r.chance(0.97) ? `127.0.0.1:${port}` : r.pick(['localhost', `evil.example:${port}`, '', `127.0.0.1:${port}, evil`])],
    ...headers,
  ];
  const framing = r.int(10);
  if (framing < 7) all.push(['Content-Length', String(bodyBytes.length)]);
  else if (framing === 7)
    all.push([
      'Content-Length',
      r.pick([
        '0',
        '-1',
        '1e3',
        String(bodyBytes.length + 1 + r.int(5000)),
        String(Math.max(0, bodyBytes.length - 10)),
        '99999999999999999999',
        `${bodyBytes.length}, ${bodyBytes.length}`,
      ]),
    ]);
  else if (framing === 8) {
    all.push(['Transfer-Encoding', r.pick(['chunked', 'chunked, identity', 'gzip', ' chunked'])]);
    const size = r.chance(0.8) ? bodyBytes.length.toString(16) : r.pick(['zz', '-1', 'ffffffffffffffff', '0x10', '']);
    bodyBytes = Buffer.concat([Buffer.from(`${size}\r\n`), bodyBytes, Buffer.from(r.chance(0.8) ? '\r\n0\r\n\r\n' : '\r\n')]);
  }
  if (r.chance(0.1)) all.push([r.pick(['X-Long', 'Cookie', 'Content-Type', 'Authorization']), 'x'.repeat(r.pick([100, 9000, 70_000]))]);
  if (r.chance(0.05)) all.push([r.pick(['Bad Header', 'X\u0000', ':', 'X-Ctl']), r.pick(NASTY_STRINGS).slice(0, 200)]);
  all.push(['Connection', r.chance(0.7) ? 'close' : 'keep-alive']);
  let bytes: Buffer = Buffer.concat([Buffer.from(head(method, target, all), 'latin1'), bodyBytes]);
  if (r.chance(0.08)) bytes = mutateBytes(r, bytes); // damage the head itself now and then
  return { family, port, bytes, end: r.chance(0.15) };
}

const BOUNDARY = '----fuzzBoundary7MA4YWxk';

function multipart(
  r: Rand,
  fields: Record<string, string>,
  file: { name: string; filename: string; bytes: Buffer } | null,
): { contentType: string; body: Buffer } {
  const boundary = r.chance(0.9) ? BOUNDARY : r.pick(['', 'x', '"quoted"', '-'.repeat(80), 'a b']);
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  if (file) {
    const type = r.pick(['image/jpeg', 'application/octet-stream', '', 'image/jpeg; charset=\u0000']);
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.name}"; filename="${file.filename}"\r\n${type ? `Content-Type: ${type}\r\n` : ''}\r\n`,
        'utf8',
      ),
    );
    parts.push(file.bytes, Buffer.from('\r\n'));
  }
  if (r.chance(0.9)) parts.push(Buffer.from(`--${boundary}--\r\n`));
  const contentType = r.chance(0.92)
    ? `multipart/form-data; boundary=${boundary}`
    : r.pick([
        'multipart/form-data',
        'multipart/form-data; boundary=',
        'text/plain',
        'multipart/mixed; boundary=x',
        `multipart/form-data; boundary=${boundary}; boundary=y`,
      ]);
  return { contentType, body: Buffer.concat(parts) };
}

function contentRange(r: Rand, length: number): string {
  const total = r.chance(0.5) ? length : length + r.int(3) * 1000;
  const start = r.chance(0.6) ? 0 : r.int(total + 1);
  return r.chance(0.75)
    ? `bytes ${start}-${start + length - 1}/${total}`
    : r.pick([
        'bytes 0-0/0',
        'bytes 10-5/100',
        'bytes -1-2/3',
        'bytes 0-99/*',
        'bytes 0-18446744073709551616/1',
        'garbage',
        'bytes=0-10/20',
        'bytes 0-9/10, bytes 0-9/10',
        `bytes ${length}-${length * 2}/${length}`,
      ]);
}

export function cloudinaryUpload(r: Rand, t: FuzzTarget): FuzzRequest {
  const chunked = r.chance(0.4);
  const file = r.chance(0.7) ? seedFile(r) : r.bytes(r.int(3000));
  const slice = chunked && file.length > 10 ? file.subarray(0, 1 + r.int(file.length)) : file;
  const params: Record<string, string> = {
    public_id: `fuzz/${r.word()}`,
    timestamp: String(Math.floor(Date.now() / 1000) - (r.chance(0.9) ? 0 : r.int(100_000))),
  };
  if (r.chance(0.3)) params.tags = `${r.word()},${r.word()}`;
  if (r.chance(0.2)) params.context = `caption=${r.word()}|alt=${r.word()}`;
  if (r.chance(0.2)) params.overwrite = r.pick(['0', '1', 'true', 'false', r.word()]);
  if (r.chance(0.1)) params.notification_url = `http://127.0.0.1:${t.backendPort}/api/v1/cloudinary?token=${r.chance(0.5) ? t.webhookToken : r.word()}`;
  if (r.chance(0.15)) params[r.word()] = r.word();
  const signature = r.chance(0.8) ? signParams(params, t.apiSecret, 'sha1', 2) : r.pick(['', 'x'.repeat(40), r.word()]);
  const fields: Record<string, string> = { ...params, api_key: r.chance(0.95) ? t.apiKey : r.word(), signature };
  if (r.chance(0.1)) fields.file = r.pick(['https://example.com/x.jpg', r.word()]);
  const filename = r.chance(0.8) ? `${r.word()}.jpg` : r.pick(NASTY_STRINGS).slice(0, 300);
  const form = multipart(r, fields, r.chance(0.95) ? { name: r.chance(0.95) ? 'file' : r.word(), filename, bytes: slice } : null);
  const headers: Headers = [['Content-Type', form.contentType]];
  if (chunked) {
    headers.push(['X-Unique-Upload-Id', r.chance(0.7) ? r.pick(['fuzz-upload-a', 'fuzz-upload-b', 'fuzz-upload-c']) : r.pick(NASTY_STRINGS).slice(0, 200)]);
    headers.push(['Content-Range', contentRange(r, slice.length)]);
  } else if (r.chance(0.05)) {
    headers.push([r.pick(['Content-Range', 'X-Unique-Upload-Id']), r.word()]);
  }
  const resource = r.chance(0.9) ? 'image' : r.pick(['raw', 'video', 'auto', '%zz', '..']);
  const cloud = r.chance(0.95) ? t.cloudName : r.pick(['other', '%E0%A4%A', '']);
  return assemble(r, 'cloudinary multipart upload', t.cloudinaryPort, 'POST', `/v1_1/${cloud}/${resource}/upload`, headers, form.body);
}

export function cloudinaryOther(r: Rand, t: FuzzTarget): FuzzRequest {
  const target = r.pick([
    `/${t.cloudName}/image/upload/v1/fuzz/${r.word()}.jpg`,
    `/${t.cloudName}/image/upload/t_media_lib_thumb/v1/fuzz/${r.word()}.jpg`,
    `/${r.word()}/${r.word()}/${r.word()}/${r.word()}`,
    '/%zz/%zz/%zz/%zz',
    '//',
    '*',
    `http://127.0.0.1:${t.cloudinaryPort}/x`,
    `/${'a/'.repeat(2000)}`,
    '/v1_1/x/image/upload?x=%',
  ]);
  return assemble(
    r,
    'cloudinary delivery / other routes',
    t.cloudinaryPort,
    r.pick(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS', 'PATCH', 'BREW']),
    target,
    [],
    r.chance(0.3) ? r.bytes(r.int(500)) : Buffer.alloc(0),
  );
}

/** A JSON value with nasty keys and strings, or nesting deep enough to hurt a recursive parser. */
function jsonValue(r: Rand, depth = 0): unknown {
  const kind = r.int(depth > 4 ? 4 : 7);
  if (kind === 0) return r.word();
  if (kind === 1) return r.pick([0, -1, 1e308, 2 ** 53 + 1, 0.1]);
  if (kind === 2) return r.pick([null, true, false]);
  if (kind === 3) return r.pick(NASTY_STRINGS);
  if (kind === 4) return Array.from({ length: r.int(4) }, () => jsonValue(r, depth + 1));
  return Object.fromEntries(
    Array.from({ length: r.int(5) }, () => [
      r.chance(0.3) ? r.pick(['__proto__', 'constructor', 'name', 'title', 'metadatas', 'params', 'cloudinary', 'public_id']) : r.word(),
      jsonValue(r, depth + 1),
    ]),
  );
}

function jsonBody(r: Rand, shaped: () => unknown): Buffer {
  const choice = r.int(10);
  if (choice < 5) return Buffer.from(JSON.stringify(shaped()));
  if (choice < 8) return Buffer.from(JSON.stringify(jsonValue(r)));
  if (choice === 8) {
    const depth = r.pick([100, 5000, 100_000]);
    return Buffer.from(r.chance(0.5) ? '['.repeat(depth) + ']'.repeat(depth) : '{"a":'.repeat(depth) + '1' + '}'.repeat(depth));
  }
  return Buffer.from(r.pick(['{', '{"name":', 'nul', '{"name":"\\ud800"}', '\u0000', '{"__proto__":{"polluted":1}}', '{"name": 1e999}']));
}

export function backendJson(r: Rand, t: FuzzTarget): FuzzRequest {
  const album = r.chance(0.8) ? 'fuzz-album' : r.pick(NASTY_STRINGS).slice(0, 100);
  const id = enc(album);
  const routes: [string, string, () => unknown][] = [
    ['POST', '/api/v1/albums', () => ({ name: r.word() })],
    ['GET', '/api/v1/albums', () => null],
    [
      'GET',
      `/api/v1/albums/${id}/images?public_id=${enc(r.word())}&page=${r.pick(['1', '0', '-1', 'x', '1e9'])}&per_page=${r.pick(['10', '0', '1001', 'x'])}`,
      () => null,
    ],
    ['PATCH', `/api/v1/images/${enc(r.word())}`, () => ({ title: r.word(), description: r.word(), metadatas: jsonValue(r, 2), cloudinary: jsonValue(r, 2) })],
    ['DELETE', `/api/v1/images/${enc(r.word())}`, () => null],
    [
      'POST',
      `/api/v1/albums/${id}/upload_signature`,
      () => ({ params: { public_id: r.chance(0.5) ? `pixdrop/${r.word()}` : r.word(), overwrite: r.word(), context: r.word() } }),
    ],
  ];
  const [method, target, shaped] = r.pick(routes);
  const auth = r.chance(0.85)
    ? `Token token="${t.userToken}"`
    : r.pick(['', 'Token token=', 'Bearer', `Token token="${t.webhookToken}"`, `Bearer ${r.word()}`, 'Token token="a.b.c"']);
  const headers: Headers = [
    ['Authorization', auth],
    ['Content-Type', r.chance(0.85) ? 'application/json' : r.pick(['application/json; charset=latin1', 'text/plain', 'application/x-www-form-urlencoded', ''])],
  ];
  const body = method === 'GET' || method === 'DELETE' ? (r.chance(0.2) ? jsonBody(r, shaped) : Buffer.alloc(0)) : jsonBody(r, shaped);
  return assemble(r, 'album backend JSON', t.backendPort, method, target, headers, body);
}

/** Rails bracket keys, nested, repeated, deep, and polluting. */
function bracketKey(r: Rand, root: string): string {
  const depth = r.chance(0.05) ? 200 : r.int(4);
  let key = root;
  for (let n = 0; n < depth; n += 1)
    key += r.chance(0.2) ? '[]' : `[${r.chance(0.2) ? r.pick(['__proto__', 'constructor', 'prototype', '0', '-1', '999999']) : r.word()}]`;
  return key;
}

export function backendForm(r: Rand, t: FuzzTarget): FuzzRequest {
  const pairs: string[] = [
    `cloudinary[public_id]=${enc(`pixdrop/${r.word()}`)}`,
    `cloudinary[secure_url]=${enc(`http://127.0.0.1:${t.cloudinaryPort}/x.jpg`)}`,
  ];
  const count = r.chance(0.05) ? 3000 : r.int(20);
  for (let n = 0; n < count; n += 1) {
    const key = bracketKey(r, r.pick(['cloudinary', 'metadatas', 'cloudinary[tags]', 'metadatas[keywords]', r.word()]));
    const value = r.word();
    pairs.push(r.chance(0.85) ? `${enc(key).replace(/%5B/g, '[').replace(/%5D/g, ']')}=${enc(value)}` : `${key}=${value}`);
  }
  if (r.chance(0.2)) pairs.push(r.pick(['&&&', '=', '==', '[', 'a[=1', 'a]=1', '%=%', 'cloudinary=1', 'cloudinary[]=1', 'metadatas[a][=1']));
  const album = r.chance(0.85) ? 'fuzz-album' : r.pick(NASTY_STRINGS).slice(0, 80);
  const headers: Headers = [
    ['Authorization', r.chance(0.9) ? `Token token="${t.userToken}"` : `Token token="${t.webhookToken}"`],
    [
      'Content-Type',
      r.chance(0.9) ? 'application/x-www-form-urlencoded' : r.pick(['application/x-www-form-urlencoded; charset=utf-16', 'multipart/form-data']),
    ],
  ];
  return assemble(r, 'album backend Rails form', t.backendPort, 'POST', `/api/v1/albums/${enc(album)}/images`, headers, Buffer.from(pairs.join('&')));
}

export function webhook(r: Rand, t: FuzzTarget): FuzzRequest {
  const response = {
    notification_type: r.chance(0.8) ? 'upload' : r.word(),
    public_id: r.chance(0.9) ? `pixdrop/${r.word()}` : jsonValue(r),
    version: 1,
    secure_url: `http://127.0.0.1:${t.cloudinaryPort}/x.jpg`,
    tags: [r.word()],
    extra: jsonValue(r),
  };
  const body = r.chance(0.7)
    ? Buffer.from(JSON.stringify(response))
    : r.chance(0.5)
      ? Buffer.from(`public_id=${enc(r.word())}&${bracketKey(r, 'x')}=${r.word()}`)
      : jsonBody(r, () => response);
  const timestamp = r.chance(0.85) ? String(Math.floor(Date.now() / 1000)) : r.pick(['', '-1', '0', '1e10', 'x', '99999999999999999999']);
  const headers: Headers = [
    ['Content-Type', r.pick(['application/json', 'application/x-www-form-urlencoded', 'text/plain'])],
    ['X-Cld-Timestamp', timestamp],
    ['X-Cld-Signature', r.chance(0.8) ? notificationSignature(body, timestamp, t.apiSecret) : r.word()],
  ];
  const token = r.chance(0.8) ? t.webhookToken : r.chance(0.5) ? t.userToken : r.pick(NASTY_STRINGS).slice(0, 100);
  return assemble(r, 'album backend webhook', t.backendPort, 'POST', `/api/v1/cloudinary?token=${enc(token)}`, headers, body);
}

export function serveHost(r: Rand, t: FuzzTarget): FuzzRequest {
  // Read-only methods only: with the token, a mutated call must never enqueue a folder or change settings.
  const method = r.pick(['getStatus', 'listAlbums', 'getSettings', 'listJobs', r.word()]);
  const targets: [string, string, Headers, Buffer][] = [
    [
      'POST',
      `/api/${method}`,
      [
        ['Authorization', `Bearer ${r.chance(0.3) ? t.webToken : r.word()}`],
        ['Content-Type', 'application/json'],
      ],
      jsonBody(r, () => ({ args: [jsonValue(r, 2)] })),
    ],
    ['POST', `/api/${method}`, [['Content-Type', 'application/json']], jsonBody(r, () => ({ args: [] }))],
    ['GET', `/media/thumbnail/${enc(r.word())}`, [['Authorization', `Bearer ${r.word()}`]], Buffer.alloc(0)],
    [
      'GET',
      '/events',
      [
        ['Upgrade', 'websocket'],
        ['Sec-WebSocket-Version', r.pick(['13', '8', 'x'])],
        ['Sec-WebSocket-Key', r.pick(['dGhlIHNhbXBsZSBub25jZQ==', '', 'x'])],
      ],
      Buffer.alloc(0),
    ],
    ['GET', r.pick(['/', '/index.html', '/%2e%2e/%2e%2e/etc/passwd', '/assets/%zz', `/${r.word()}`]), [], Buffer.alloc(0)],
  ];
  const [verb, target, headers, body] = r.pick(targets);
  return assemble(
    r,
    'serve web host',
    t.webPort,
    verb,
    target,
    [...headers, ['Origin', r.chance(0.8) ? `http://127.0.0.1:${t.webPort}` : 'https://evil.example']],
    body,
  );
}

/** Pure noise at any server: random bytes, broken request lines, other protocols. */
export function garbage(r: Rand, t: FuzzTarget): FuzzRequest {
  const port = r.pick([t.webPort, t.cloudinaryPort, t.backendPort]);
  const bytes = r.pick([
    () => r.bytes(1 + r.int(2000)),
    () =>
      Buffer.from(
        `${r.pick(['GET', 'POST', 'G\u0000T', ''])} ${r.pick(['/', '', ' ', '/\r\n', '/ HTTP/9.9'])} ${r.pick(['HTTP/1.1', 'HTTP/1.0', 'HTTP/0.9', 'HTTP/2.0', 'FOO'])}\r\n\r\n`,
      ),
    () => Buffer.from('PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n'),
    () => Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\n folded: header\r\n\r\n`),
    () => Buffer.from(`POST / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET / HTTP/1.1\r\n\r\n`),
    () => Buffer.from(`GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nHost: evil\r\n\r\n`),
  ])();
  return { family: 'garbage and broken request lines', port, bytes, end: r.chance(0.3) };
}

export const FAMILIES = [cloudinaryUpload, cloudinaryUpload, cloudinaryOther, backendJson, backendJson, backendForm, webhook, serveHost, garbage] as const;
