import { rmSync } from 'node:fs';
import path from 'node:path';
import { createBackendClient, type BackendClient, type TokenStore } from '../../../src/main/engine/backend/client';
import type { CloudinaryConfig } from '../../../src/main/engine/types';
import { startAlbumBackend, type AlbumBackend, type AlbumBackendOptions } from '../../../src/main/localstack/album-backend';
import { tempDir } from '../../helpers';

export const cloudinary: CloudinaryConfig = {
  cloudName: 'demo-cloud',
  apiKey: '614335564976464',
  apiSecret: 'local-test-secret',
  uploadPrefix: 'http://127.0.0.1:9',
  signatureAlgorithm: 'sha1',
  signatureVersion: 2,
};

/** A clock the test moves by hand (tokens age, signatures go stale). */
export function manualClock(startMs = Date.UTC(2025, 0, 15, 12, 0, 0)) {
  let now = startMs;
  return { now: () => now, advance: (ms: number) => void (now += ms) };
}

export function memoryTokens(initial: string | null) {
  let token = initial;
  const seen: string[] = [];
  const store: TokenStore & { seen: string[] } = {
    get: () => token,
    set: (next) => {
      token = next;
      seen.push(next);
    },
    seen,
  };
  return store;
}

export interface Harness {
  backend: AlbumBackend;
  dir: string;
  clock: ReturnType<typeof manualClock>;
  clientFor(token: string | null, timeoutMs?: number): { client: BackendClient; tokens: ReturnType<typeof memoryTokens> };
  stop(): Promise<void>;
}

export async function startHarness(extra: Partial<AlbumBackendOptions> = {}): Promise<Harness> {
  const dir = tempDir('pixdrop-backend-');
  const clock = manualClock();
  const backend = await startAlbumBackend({ dbPath: path.join(dir, 'albums.sqlite'), jwtSecret: 'jwt-test-secret', cloudinary, clock, ...extra });
  return {
    backend,
    dir,
    clock,
    clientFor(token, timeoutMs) {
      const tokens = memoryTokens(token);
      return { client: createBackendClient({ baseUrl: backend.url, tokens, timeoutMs }), tokens };
    },
    async stop() {
      await backend.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A Cloudinary upload response as our local Cloudinary server would send it. */
export function uploadResponse(publicId: string, version = 1736942400): Record<string, unknown> {
  return {
    asset_id: 'a1b2c3',
    public_id: publicId,
    version,
    signature: '0123456789abcdef0123456789abcdef01234567',
    width: 4000,
    height: 3000,
    format: 'jpg',
    resource_type: 'image',
    created_at: '2025-01-15T12:00:00Z',
    tags: ['album-1'],
    bytes: 2_345_678,
    type: 'authenticated',
    etag: 'acf8af3e54c78cbf24a53a93c93bab43',
    url: `http://127.0.0.1:9/demo-cloud/image/authenticated/v${version}/${publicId}.jpg`,
    secure_url: `http://127.0.0.1:9/demo-cloud/image/authenticated/v${version}/${publicId}.jpg`,
    image_metadata: { Make: 'FUJIFILM', DateTimeOriginal: '2024:06:01 10:20:30' },
    colors: [
      ['#EBF1F9', 13.2],
      ['#D9E5F5', 8.8],
    ],
    faces: [],
    phash: 'd8c926d5c28b6c67',
    original_filename: 'DSCF0001',
  };
}
