/**
 * Which tokens the local album backend takes, over real HTTP on 127.0.0.1 with a clock the test
 * moves: the webhook token it puts in notification_url (which names one album) is not a user token,
 * a token without `exp` is refused, and refreshing (X-token on every answer) extends a session to
 * at most MAX_SESSION_SECONDS after the token was first issued.
 */
import { decodeJwt, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SESSION_SECONDS } from '../../../src/main/localstack/backend/tokens';
import { startHarness, type Harness } from './setup';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
});

afterAll(async () => {
  await h?.stop();
});

function call(path: string, token: string, init: { method?: string; body?: unknown } = {}) {
  return fetch(`${h.backend.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { authorization: `Token token="${token}"`, 'content-type': 'application/json' },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function createAlbum(token: string, name: string): Promise<string> {
  const response = await call('/api/v1/albums', token, { method: 'POST', body: { name } });
  expect(response.status).toBe(201);
  return ((await response.json()) as { id: string }).id;
}

async function webhookTokenFor(token: string, albumId: string): Promise<string> {
  const response = await call(`/api/v1/albums/${albumId}/upload_signature`, token, { method: 'POST', body: { params: { public_id: 'pixdrop/x' } } });
  expect(response.status).toBe(200);
  const { params } = (await response.json()) as { params: { notification_url: string } };
  return new URL(params.notification_url).searchParams.get('token')!;
}

describe('album backend token rules', () => {
  it('refuses the webhook token of one album as a user token (it would open every album of that user)', async () => {
    const user = await h.backend.issueToken({ userId: 'owner-1' });
    const shared = await createAlbum(user, 'Shared with a client');
    const secret = await createAlbum(user, 'Private');
    const webhook = await webhookTokenFor(user, shared);
    expect(decodeJwt(webhook)).toMatchObject({ user_id: 'owner-1', album_id: shared });

    for (const path of ['/api/v1/albums', `/api/v1/albums/${secret}/images`, `/api/v1/albums/${shared}/images`]) {
      const response = await call(path, webhook);
      expect(response.status, path).toBe(401);
      expect(response.headers.get('x-token'), path).toBeNull();
    }
    // The user's own token still opens both.
    expect((await call(`/api/v1/albums/${secret}/images`, user)).status).toBe(200);
  });

  it('refuses a correctly signed token that has no exp', async () => {
    const timeless = await new SignJWT({ user_id: 'owner-1' })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
      .setIssuedAt(Math.floor(h.clock.now() / 1000))
      .sign(new TextEncoder().encode('jwt-test-secret'));
    const response = await call('/api/v1/albums', timeless);
    expect(response.status).toBe(401);
    expect(response.headers.get('x-token')).toBeNull();
  });

  it('refreshes a token only within the maximum session age from its first issue', async () => {
    let token = await h.backend.issueToken({ userId: 'owner-2' });
    const issuedAt = decodeJwt(token).iat!;
    const step = 3 * 3600 * 1000; // within the 4 h lifetime: a client that keeps working
    let refusedAfterSeconds: number | null = null;
    for (let elapsed = 0; elapsed <= MAX_SESSION_SECONDS * 2 * 1000; elapsed += step) {
      h.clock.advance(step);
      const response = await call('/api/v1/albums', token);
      if (response.status === 401) {
        refusedAfterSeconds = Math.floor(h.clock.now() / 1000) - issuedAt;
        break;
      }
      expect(response.status).toBe(200);
      token = response.headers.get('x-token')!;
      expect(decodeJwt(token).exp!).toBeLessThanOrEqual(issuedAt + MAX_SESSION_SECONDS);
    }
    expect(refusedAfterSeconds).not.toBeNull();
    expect(refusedAfterSeconds!).toBeGreaterThanOrEqual(MAX_SESSION_SECONDS);
    expect(refusedAfterSeconds!).toBeLessThanOrEqual(MAX_SESSION_SECONDS + 3 * 3600);
  });
});
