/**
 * The demo servers answer only to the names the engine and the UI use for them, as `serve` does:
 * a web page that reached 127.0.0.1 through DNS rebinding sends its own host name and is refused.
 */
import { isAllowedHost } from '../engine/net/loopback-hosts';

/** Why a request for this Host is refused, or null when it is one of ours. */
export function foreignHostRefusal(host: string | undefined, port: number): string | null {
  if (isAllowedHost(host, port)) return null;
  return `This local server answers only requests for Host 127.0.0.1:${port} or localhost:${port}; requests for another Host are refused.`;
}
