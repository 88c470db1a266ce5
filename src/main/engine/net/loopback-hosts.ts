/**
 * The Host names a browser or the engine uses for a server of ours on 127.0.0.1: anything else is a
 * DNS-rebinding attempt. `serve` and the demo servers check requests against the same list.
 */
export function allowedHosts(port: number): string[] {
  return [`127.0.0.1:${port}`, `localhost:${port}`];
}

export function isAllowedHost(host: string | undefined, port: number): boolean {
  return host !== undefined && allowedHosts(port).includes(host.toLowerCase());
}
