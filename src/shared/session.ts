/**
 * How the `pixdrop serve` page proves it holds the session token on its event stream. Browsers
 * cannot set headers on a WebSocket, so the page offers two subprotocols: `pixdrop`, which the
 * server names back, and `pixdrop.token.<token>`, which only carries the token in the handshake.
 */
export const EVENTS_PROTOCOL = 'pixdrop';
export const TOKEN_PROTOCOL_PREFIX = `${EVENTS_PROTOCOL}.token.`;

export function eventStreamProtocols(token: string): string[] {
  return [EVENTS_PROTOCOL, `${TOKEN_PROTOCOL_PREFIX}${token}`];
}
