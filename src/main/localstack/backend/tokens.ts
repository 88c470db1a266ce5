/**
 * JWTs of the local album backend (HS256, jose), shaped like the seeds:
 * - user token (seed 002): {exp, iat, user_id, abilities: {"<album_id>": {"Access": {"image_upload": true}}}}
 * - webhook token in notification_url (seed 001): {exp, iat, user_id, album_id}
 * Times come from the injected clock so tests can age a token without waiting.
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
  /** Same claims, new iat/exp, same lifetime as the original (default 4 h). */
  refresh(claims: JWTPayload): Promise<string>;
  verifyUser(token: string): Promise<UserClaims>;
  verifyWebhook(token: string): Promise<WebhookClaims>;
}

export function createTokenKit(secret: string, clock: Clock): TokenKit {
  const key = new TextEncoder().encode(secret);
  const nowSeconds = () => Math.floor(clock.now() / 1000);
  const sign = (claims: Record<string, unknown>, lifetimeSeconds: number) => {
    const iat = nowSeconds();
    const { exp: _exp, iat: _iat, ...rest } = claims;
    return new SignJWT(rest).setProtectedHeader({ typ: 'JWT', alg: 'HS256' }).setIssuedAt(iat).setExpirationTime(iat + lifetimeSeconds).sign(key);
  };
  const verify = async (token: string) => (await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(clock.now()) })).payload;
  return {
    sign,
    refresh(claims) {
      const lifetime = typeof claims.exp === 'number' && typeof claims.iat === 'number' && claims.exp > claims.iat ? claims.exp - claims.iat : USER_TOKEN_SECONDS;
      return sign(claims, lifetime);
    },
    async verifyUser(token) {
      const payload = await verify(token);
      if (typeof payload.user_id !== 'string' || payload.user_id === '') throw new Error('token has no user_id');
      return payload as UserClaims;
    },
    async verifyWebhook(token) {
      const payload = await verify(token);
      if (typeof payload.album_id !== 'string' || payload.album_id === '') throw new Error('token has no album_id');
      return payload as WebhookClaims;
    },
  };
}
