/**
 * Where the backend token's X-token refreshes are kept: with the other secrets in the settings
 * file (safeStorage-sealed on the desktop, 0600 headless), never in the library. A library
 * written by an older PixDrop still holds them in its kv table: they are moved out and erased
 * (the file rebuilt, the WAL truncated), so the token's bytes are no longer anywhere in library.sqlite.
 */
import { createHash } from 'node:crypto';
import type { TokenStore } from './http';
import type { Db } from '../library/db';
import { loadSettings, saveRefreshedToken, type SecretCodec } from '../settings';
import type { Logger } from '../types';

const LEGACY_KEYS = ['token', 'token_source'];
/** How often a refreshed token is written to the settings file at most. */
const PERSIST_EVERY_MS = 60_000;

/** Which token a refresh descends from, without keeping that token a second time. */
export function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

export interface TokenStoreOptions {
  db: Db;
  dataDir: string;
  codec?: SecretCodec;
  /** The configured token (settings or PIXDROP_API_TOKEN), read at each call: a new one starts a new chain. */
  configured: () => string | null;
  /** Demo mode's token is made afresh at each start: its refreshes are not worth keeping. */
  persist: boolean;
  logger?: Logger;
}

/**
 * The refreshed token is used only while it descends from the configured token: entering a new
 * token starts a new chain.
 */
export function createTokenStore(o: TokenStoreOptions): TokenStore {
  const legacy = takeLegacyToken(o.db, o.logger);
  let latest = legacy ?? savedChain(o);
  if (legacy && o.persist) persist(o, legacy);
  let warned = false;
  let persistedAt = -Infinity;
  return {
    get() {
      const source = o.configured();
      if (!source) return null;
      return latest && latest.from === tokenFingerprint(source) ? latest.token : source;
    },
    set(token) {
      const source = o.configured();
      if (!source) return;
      const from = tokenFingerprint(source);
      if (latest?.from === from && latest.token === token) return;
      if (latest?.from !== from) persistedAt = -Infinity; // a new chain is saved at once
      latest = { token, from };
      // The backend refreshes the token on every answer, up to once a second. Rewriting the settings
      // file each time (write, then a rename that waits for the disk: ~10-30 ms) held up the uploads;
      // a saved token a minute older than the newest is still valid for hours.
      const now = Date.now();
      if (!o.persist || now - persistedAt < PERSIST_EVERY_MS) return;
      persistedAt = now;
      if (!persist(o, latest) && !warned) {
        warned = true;
        o.logger?.warn('the refreshed backend token cannot be saved with the other credentials; it is kept for this run only');
      }
    },
  };
}

function savedChain(o: TokenStoreOptions): { token: string; from: string } | null {
  try {
    const saved = loadSettings(o.dataDir, o.codec);
    return saved.refreshedToken && saved.refreshedFrom ? { token: saved.refreshedToken, from: saved.refreshedFrom } : null;
  } catch {
    return null; // unreadable secrets: start from the configured token
  }
}

function persist(o: TokenStoreOptions, chain: { token: string; from: string }): boolean {
  return saveRefreshedToken(o.dataDir, chain, o.codec);
}

/** Marks a library whose erased tokens may still sit in free pages (the rebuild could not run yet). */
const SCRUB_PENDING = 'token_scrub_pending';

/** Reads and erases the tokens an older PixDrop kept in the library's kv table. */
export function takeLegacyToken(db: Db, logger?: Logger): { token: string; from: string } | null {
  const keys = [...LEGACY_KEYS, SCRUB_PENDING];
  const rows = db.prepare(`SELECT key, value FROM kv WHERE key IN (${keys.map(() => '?').join(', ')})`).all(...keys) as { key: string; value: string }[];
  if (rows.length === 0) return null;
  const value = (key: string) => rows.find((row) => row.key === key)?.value;
  db.prepare(`DELETE FROM kv WHERE key IN (${keys.map(() => '?').join(', ')})`).run(...keys);
  scrub(db, logger);
  const token = value('token');
  const source = value('token_source');
  return token && source ? { token, from: tokenFingerprint(source) } : null;
}

/**
 * Each refresh rewrote the row, leaving older tokens in free space of its page: rebuild the file
 * (once, on the first start after the upgrade), then fold the WAL back so no frame keeps a copy.
 * Another process reading the library can hold the rebuild off: it is then tried at the next start.
 */
function scrub(db: Db, logger?: Logger): void {
  try {
    db.exec('VACUUM');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } catch (error) {
    db.prepare('INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)').run(SCRUB_PENDING, '1');
    logger?.warn('the library could not be rebuilt to erase old token copies; trying again at the next start', {
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
