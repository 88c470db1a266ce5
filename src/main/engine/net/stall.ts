/**
 * What a stall is, for every exchange with a server (Cloudinary transfers and album-backend calls
 * alike): no byte moved on the connection, either way, for this long. Then the request is aborted and
 * the job retried like any network failure; nothing it had saved is lost. One default, so a silent
 * backend and a silent Cloudinary are given up after the same time (PIXDROP_STALL_TIMEOUT_MS sets both).
 */
export const DEFAULT_STALL_TIMEOUT_MS = 60_000;

/** The stall timeout to use: the configured one (PIXDROP_STALL_TIMEOUT_MS), else the default. */
export function stallTimeout(configured: number | undefined): number {
  return configured ?? DEFAULT_STALL_TIMEOUT_MS;
}
