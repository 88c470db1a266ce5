/**
 * One-time launch codes for `pixdrop serve --open`. The browser is started with
 * http://127.0.0.1:PORT/launch/<code> instead of the session token, because a process's
 * command line is readable by every local user (ps, /proc/<pid>/cmdline). The code opens the
 * page once, within a minute; the page then gets the token in a redirect's fragment, which no
 * request line or process argument ever carries.
 */
import { randomBytes } from 'node:crypto';

export const LAUNCH_CODE_TTL_MS = 60_000;

export interface LaunchCodes {
  issue(): string;
  /** True once per issued code, while it is fresh; false for everything else. */
  redeem(code: string): boolean;
}

export function createLaunchCodes(o: { ttlMs?: number; now?: () => number } = {}): LaunchCodes {
  const ttlMs = o.ttlMs ?? LAUNCH_CODE_TTL_MS;
  const now = o.now ?? Date.now;
  const open = new Map<string, number>();
  const dropExpired = () => {
    for (const [code, expiresAt] of open) if (expiresAt <= now()) open.delete(code);
  };
  return {
    issue() {
      dropExpired();
      const code = randomBytes(24).toString('base64url');
      open.set(code, now() + ttlMs);
      return code;
    },
    redeem(code) {
      dropExpired();
      return open.delete(code);
    },
  };
}
