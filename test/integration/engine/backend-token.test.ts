/**
 * The album backend token at rest and on the move, against the real album backend on 127.0.0.1:
 * it lives only with the other secrets (the 0600 settings file headless), never in library.sqlite —
 * neither the token entered nor the backend's X-token refreshes; a library written before keeps
 * none of its copies; and the token goes only to the backend URL it was entered for.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createApiDispatcher } from '../../../src/main/api';
import { createEngine } from '../../../src/main/engine';
import { demoServicesFor } from '../../../src/main/localstack/services';
import { resolveConfig } from '../../../src/main/engine/config';
import { setKv } from '../../../src/main/engine/library/albums';
import { libraryPath, openLibrary } from '../../../src/main/engine/library/db';
import { silentLogger } from '../../../src/main/engine/logger';
import { loadSettings, settingsFile, type SecretCodec } from '../../../src/main/engine/settings';
import { createSafeStorageCodec } from '../../../src/main/electron/secrets';
import type { Engine } from '../../../src/main/engine/types';
import { startTestStack, type TestStack } from '../../helpers/stack';
import { useTempDir } from '../../helpers/temp-dir';

let stack: TestStack;
const running: Engine[] = [];

beforeAll(async () => {
  stack = await startTestStack();
});
afterAll(async () => {
  await stack?.close();
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((engine) => engine.stop()));
});

/** An engine as `pixdrop serve` (or, with a codec, the desktop app) starts it: this environment plus the saved settings. */
async function startEngine(env: NodeJS.ProcessEnv, codec?: SecretCodec): Promise<Engine> {
  const config = resolveConfig({ env, codec });
  const engine = await createEngine({ config, logger: silentLogger, secretCodec: codec, startServices: demoServicesFor(config, silentLogger) });
  running.push(engine);
  await engine.start();
  return engine;
}

/** Every file SQLite keeps the library in (the WAL holds recent pages until a checkpoint). */
function libraryBytes(dataDir: string): Buffer {
  const file = libraryPath(dataDir);
  return Buffer.concat([file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f)));
}

/** The signature part of a JWT: unique to that token, and what a thief would need. */
const signatureOf = (jwt: string) => jwt.split('.')[2];
const issuedAt = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString('utf8')) as { iat: number }).iat;

describe('the backend token at rest', () => {
  it('entered through the API and refreshed by the backend, it is kept only in the 0600 settings file', async () => {
    const dataDir = useTempDir('pixdrop-token-');
    const demo = await startEngine({ PIXDROP_DATA_DIR: dataDir });
    const dispatch = createApiDispatcher(demo);
    const saved = await dispatch('updateSettings', [{ backendUrl: stack.backend.url, token: stack.token }]);
    expect(saved).toMatchObject({ ok: true, value: { hasToken: true } });
    await demo.stop();
    running.length = 0;

    // Signed by the backend (no Cloudinary secret here): every call answers with a refreshed X-token.
    const engine = await startEngine({ PIXDROP_DATA_DIR: dataDir });
    // A refresh in the second the token was issued is the same token: let the clock reach the next second.
    await expect.poll(() => Math.floor(Date.now() / 1000) > issuedAt(stack.token), { interval: 50 }).toBe(true);
    expect(await engine.listAlbums()).toMatchObject({ ok: true });
    await engine.stop();
    running.length = 0;

    const library = libraryBytes(dataDir);
    expect(library.includes(signatureOf(stack.token)), 'the token entered is in library.sqlite').toBe(false);
    const refreshed = loadSettings(dataDir).refreshedToken;
    expect(refreshed, 'the backend refreshed the token').toBeTruthy();
    expect(refreshed).not.toBe(stack.token);
    expect(library.includes(signatureOf(refreshed!)), 'the refreshed token is in library.sqlite').toBe(false);
    expect(statSync(settingsFile(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(settingsFile(dataDir), 'utf8')).toContain(signatureOf(refreshed!));
  });

  it('on the desktop, the refreshed token is sealed by the keychain like the token entered', async () => {
    // The keychain stand-in: a reversible transform, so the sealed file holds neither token's bytes.
    const codec = createSafeStorageCodec(
      {
        isEncryptionAvailable: () => true,
        getSelectedStorageBackend: () => 'gnome_libsecret',
        encryptString: (plain) => Buffer.from(Buffer.from(plain).map((b) => b ^ 0x5a)),
        decryptString: (sealed) => Buffer.from(sealed.map((b) => b ^ 0x5a)).toString(),
      },
      { platform: 'linux' },
    );
    const dataDir = useTempDir('pixdrop-token-desktop-');
    const demo = await startEngine({ PIXDROP_DATA_DIR: dataDir }, codec);
    expect(await demo.updateSettings({ backendUrl: stack.backend.url, token: stack.token })).toMatchObject({ ok: true });
    await demo.stop();
    running.length = 0;
    const engine = await startEngine({ PIXDROP_DATA_DIR: dataDir }, codec);
    await expect.poll(() => Math.floor(Date.now() / 1000) > issuedAt(stack.token), { interval: 50 }).toBe(true);
    expect(await engine.listAlbums()).toMatchObject({ ok: true });
    await engine.stop();
    running.length = 0;

    const refreshed = loadSettings(dataDir, codec).refreshedToken!;
    expect(refreshed).toMatch(/^eyJ/);
    const onDisk = Buffer.concat([readFileSync(settingsFile(dataDir)), libraryBytes(dataDir)]);
    for (const token of [stack.token, refreshed]) expect(onDisk.includes(signatureOf(token))).toBe(false);
  });

  it('a library that still holds refreshed tokens from before is emptied of them, and the latest is used', async () => {
    const dataDir = useTempDir('pixdrop-token-legacy-');
    const issued = [await stack.backend.issueToken({ userId: 'photographer-1', expiresInSeconds: 3600 })];
    for (let i = 1; i < 4; i++) issued.push(await stack.backend.issueToken({ userId: 'photographer-1', expiresInSeconds: 3600 + i }));
    const old = openLibrary(dataDir);
    for (const token of issued) {
      setKv(old, 'token_source', stack.token);
      setKv(old, 'token', token); // each refresh rewrote the row, as the older PixDrop did
    }
    old.close();
    expect(libraryBytes(dataDir).includes(signatureOf(issued[3])), 'the legacy rows were written').toBe(true);

    const engine = await startEngine({ ...stack.env, PIXDROP_DATA_DIR: dataDir });
    expect(loadSettings(dataDir).refreshedToken).toBe(issued[3]);
    expect(await engine.listAlbums()).toMatchObject({ ok: true });
    await engine.stop();
    running.length = 0;

    const library = libraryBytes(dataDir);
    for (const token of [stack.token, ...issued]) expect(library.includes(signatureOf(token))).toBe(false);
    expect(statSync(settingsFile(dataDir)).mode & 0o777).toBe(0o600);
  });
});

describe('the backend token goes only to the URL it was entered for', () => {
  it('a new backend URL is refused without its token, and nothing saved changes', async () => {
    const dataDir = useTempDir('pixdrop-token-url-');
    const dispatch = createApiDispatcher(await startEngine({ PIXDROP_DATA_DIR: dataDir }));
    expect(await dispatch('updateSettings', [{ backendUrl: 'https://albums.example.com', token: 'token-for-albums' }])).toMatchObject({ ok: true });

    const moved = await dispatch('updateSettings', [{ backendUrl: 'https://elsewhere.example.net' }]);
    expect(moved).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
    if (!moved.ok) expect(moved.error.message).toMatch(/needs its token.*https:\/\/elsewhere\.example\.net/);
    expect(loadSettings(dataDir)).toMatchObject({ backendUrl: 'https://albums.example.com', token: 'token-for-albums' });
    expect(JSON.stringify(moved)).not.toContain('token-for-albums');

    // The same URL again (the Settings form always sends it) keeps the token; a new URL with its own token is fine.
    expect(await dispatch('updateSettings', [{ backendUrl: 'https://albums.example.com/', concurrency: 2 }])).toMatchObject({ ok: true });
    expect(loadSettings(dataDir).token).toBe('token-for-albums');
    expect(await dispatch('updateSettings', [{ backendUrl: 'https://elsewhere.example.net', token: 'token-for-elsewhere' }])).toMatchObject({ ok: true });
    expect(loadSettings(dataDir)).toMatchObject({ backendUrl: 'https://elsewhere.example.net', token: 'token-for-elsewhere' });

    // Back to demo mode: the token is dropped, not kept for whichever URL comes next.
    expect(await dispatch('updateSettings', [{ backendUrl: null }])).toMatchObject({ ok: true });
    expect(loadSettings(dataDir).token).toBeUndefined();
  });

  it('a saved token is not sent to a backend URL set elsewhere (PIXDROP_API_URL): a clear configuration error', async () => {
    const dataDir = useTempDir('pixdrop-token-env-');
    const dispatch = createApiDispatcher(await startEngine({ PIXDROP_DATA_DIR: dataDir }));
    expect(await dispatch('updateSettings', [{ backendUrl: stack.backend.url, token: stack.token }])).toMatchObject({ ok: true });
    expect(resolveConfig({ env: { PIXDROP_DATA_DIR: dataDir } }).apiToken).toBe(stack.token);
    expect(() => resolveConfig({ env: { PIXDROP_DATA_DIR: dataDir, PIXDROP_API_URL: 'https://other.example.org' } })).toThrow(
      /saved backend token was entered for another backend URL, not https:\/\/other\.example\.org/,
    );
  });

  it('http:// is accepted for this computer only, with an error that says so', async () => {
    const dataDir = useTempDir('pixdrop-token-http-');
    const dispatch = createApiDispatcher(await startEngine({ PIXDROP_DATA_DIR: dataDir }));
    for (const url of ['http://albums.example.com', 'http://192.168.1.20:8080', 'http://127.0.0.1.example.com']) {
      const refused = await dispatch('updateSettings', [{ backendUrl: url, token: 'some-token' }]);
      expect(refused, url).toMatchObject({ ok: false, error: { code: 'REJECTED' } });
      if (!refused.ok) expect(refused.error.message).toMatch(/https:\/\/ URL; http:\/\/ is accepted only for this computer/);
    }
    expect(loadSettings(dataDir).token).toBeUndefined();
    for (const url of ['http://127.0.0.1:4000', 'http://localhost:4000', 'http://[::1]:4000']) {
      expect(await dispatch('updateSettings', [{ backendUrl: url, token: 'some-token' }]), url).toMatchObject({ ok: true });
    }
    expect(() =>
      resolveConfig({ env: { PIXDROP_DATA_DIR: useTempDir('pixdrop-token-http-env-'), PIXDROP_API_URL: 'http://albums.example.com', PIXDROP_API_TOKEN: 't' } }),
    ).toThrow(/PIXDROP_API_URL must be an https:\/\/ URL .*http:\/\/ only for this computer/);
  });
});
