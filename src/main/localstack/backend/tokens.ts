/**
 * JWTs of the local album backend (HS256, jose), shaped like the seeds:
 * - user token (seed 002): {exp, iat, user_id, abilities: {"<album_id>": {"Access": {"image_upload": true}}}}
 * - webhook token in notification_url (seed 001): {exp, iat, user_id, album_id}
 * Each also carries auth_time, the time of the first issue, kept by every refresh: a session ends
 * MAX_SESSION_SECONDS after it, however often the token was refreshed. A token must have exp, and a
 * webhook token (which names an album) is never taken as a user token (which would open every album
 * of that user). Times come from the injected clock so tests can age a token without waiting.
 */
import { SignJWT, jwtVerify, type JWTPayload } from 'jose';
import type { Clock } from '../../engine/types';

export type Abilities = Record<string, { Access?: { image_upload?: boolean } }>;

export interface UserClaims extends JWTPayload {
  user_id: string;
  abilities?: Abilities;
}

export interface WebhookClaims extends JWTPayload {
  user_id?: string;
  album_id: string;
}

export const USER_TOKEN_SECONDS = 4 * 3600;
export const WEBHOOK_TOKEN_SECONDS = 24 * 3600;
/** Refreshing extends a token up to this long after its first issue, no further. */
export const MAX_SESSION_SECONDS = 30 * 24 * 3600;

export function abilitiesFor(albumIds: string[]): Abilities {
  return Object.fromEntries(albumIds.map((id) => [id, { Access: { image_upload: true } }]));
}

/** Pure: may this token upload into the album (its owner, or granted by an ability)? */
export function mayUpload(claims: UserClaims, album: { id: string; owner_user_id: string | null } | null, albumId: string): boolean {
  if (album && album.owner_user_id === claims.user_id) return true;
  return claims.abilities?.[albumId]?.Access?.image_upload === true;
}

/** Album ids granted by abilities (owned albums come from the database). */
export function grantedAlbumIds(claims: UserClaims): string[] {
  return Object.entries(claims.abilities ?? {})
    .filter(([, ability]) => ability?.Access?.image_upload === true)
    .map(([id]) => id);
}

export interface TokenKit {
  sign(claims: Record<string, unknown>, lifetimeSeconds: number): Promise<string>;
  /** Same claims, new iat/exp, same lifetime as the original (default 4 h), never past the session's end. */
  refresh(claims: JWTPayload): Promise<string>;
  verifyUser(token: string): Promise<UserClaims>;
  verifyWebhook(token: string): Promise<WebhookClaims>;
}

/** Pure: when the session of these claims began (auth_time, else iat); null when neither is a number. */
export function sessionStart(claims: JWTPayload): number | null {
  if (typeof claims.auth_time === 'number') return claims.auth_time;
  return typeof claims.iat === 'number' ? claims.iat : null;
}

/**
 * Every request is verified and earns a refreshed token, and a client sends the same token many
 * times a second: the answer for one token (or one set of claims) is reused within the same second
 * of the clock, which is all that expiry and iat can tell apart. A failed verification is not kept.
 */
function memoPerSecond<T>(nowSeconds: () => number, compute: (key: string) => Promise<T>): (key: string) => Promise<T> {
  let last: { key: string; second: number; value: Promise<T> } | null = null;
  return (key) => {
    const second = nowSeconds();
    if (last && last.key === key && last.second === second) return last.value;
    const value = compute(key);
    const entry = { key, second, value };
    last = entry;
    value.catch(() => {
      if (last === entry) last = null;
    });
    return value;
  };
}

export function createTokenKit(secret: string, clock: Clock): TokenKit {
  const raw = new TextEncoder().encode(secret);
  // Imported once: jose would import raw bytes again for every signature and every check.
  const key = crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  const sign = async (claims: Record<string, unknown>, lifetimeSeconds: number) => {
    const iat = nowSeconds();
    const { exp: _exp, iat: _iat, auth_time: authTime, ...rest } = claims;
    const since = typeof authTime === 'number' ? authTime : iat;
    const exp = Math.min(iat + lifetimeSeconds, since + MAX_SESSION_SECONDS);
    return new SignJWT({ ...rest, auth_time: since })
      .setProtectedHeader({ typ: 'JWT', alg: 'HS256' })
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(await key);
  };
  const verify = memoPerSecond(nowSeconds, async (token: string) => {
    const { payload } = await jwtVerify(token, await key, { algorithms: ['HS256'], currentDate: new Date(clock.now()), requiredClaims: ['exp', 'iat'] });
    const since = sessionStart(payload);
    if (since === null || nowSeconds() - since >= MAX_SESSION_SECONDS) throw Object.assign(new Error('the session is too old'), { code: 'ERR_JWT_EXPIRED' });
    return payload;
  });
  const refreshOf = memoPerSecond(nowSeconds, (text: string) => {
    const claims = JSON.parse(text) as JWTPayload;
    const lifetime = typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat ? claims.exp - claims.iat : USER_TOKEN_SECONDS;
    return sign({ ...claims, auth_time: sessionStart(claims) ?? undefined }, lifetime);
  });
  return {
    sign,
    refresh: (claims) => refreshOf(JSON.stringify(claims)),
    async verifyUser(token) {
      const payload = { ...(await verify(token)) };
      if (typeof payload.user_id !== 'string' || payload.user_id === '') throw new Error('token has no user_id');
      if (payload.album_id !== undefined) throw new Error('a notification token is not a user token');
      return payload as UserClaims;
    },
    async verifyWebhook(token) {
      const payload = { ...(await verify(token)) };
      if (typeof payload.album_id !== 'string' || payload.album_id === '') throw new Error('token has no album_id');
      return payload as WebhookClaims;
    },
  };
}
