/**
 * Tests only: PIXDROP_CRASH_AT=<point>[:<n>] kills this process with SIGKILL the n-th time (default 1st) it
 * reaches that point, so a crash test lands on one exact step every time instead of at a lucky moment.
 * Points: `before-upload` (a photo claimed, nothing sent), `mid-chunk` (the n-th 64 KB piece of a transfer
 * on its way), `uploaded` (Cloudinary's answer saved, not registered; or a late RAW or clip sent, not yet
 * linked), `registered` (in the album, the after-upload action not started), `acting` (the action's destinations saved, nothing moved), `moved`
 * (the file is at its destination, the original not yet removed). Unset: every call is a no-op.
 */
const wanted = parse(process.env.PIXDROP_CRASH_AT);
let reached = 0;

function parse(value: string | undefined): { point: string; n: number } | null {
  if (!value) return null;
  const [point, n] = value.split(':');
  return { point, n: Math.max(1, Number(n) || 1) };
}

export function crashPoint(point: string): void {
  if (!wanted || wanted.point !== point) return;
  reached += 1;
  if (reached === wanted.n) process.kill(process.pid, 'SIGKILL');
}
