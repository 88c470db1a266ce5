/**
 * The queue in a few words, for the tray's status line and tooltip. Pure.
 */
import type { EngineStatus } from '../../shared/api';

/** Jobs not yet finished one way or another (paused ones included: they still need doing). */
export function remainingJobs(status: EngineStatus): number {
  const s = status.queue.byStatus;
  return s.queued + s.hashing + s.uploading + s.registering + s.waiting + s.paused;
}

export function describeStatus(status: EngineStatus | null): string {
  if (!status) return 'Starting…';
  const text = describeQueue(status);
  return status.demoMode ? `Demo mode · ${text}` : text;
}

function describeQueue(status: EngineStatus): string {
  const { queue, connection } = status;
  const left = remainingJobs(status);
  const failed = queue.byStatus.failed > 0 ? `, ${queue.byStatus.failed} failed` : '';
  const leftText = `${left} ${left === 1 ? 'photo' : 'photos'} left`;
  if (connection.state === 'auth-required') return 'Sign-in needed: open PixDrop to enter a new token';
  if (status.paused) return `Paused · ${leftText}${failed}`;
  if (left > 0 && connection.state === 'offline') return `Offline · ${leftText}, will resume when back online`;
  if (left > 0 && connection.state === 'rate-limited') return `Server asked to slow down · ${leftText}`;
  if (left > 0) return `Uploading · ${percent(status)} % · ${leftText}${failed}`;
  if (queue.scanning) return 'Looking for photos…';
  const finished = queue.byStatus.done + queue.byStatus.skipped;
  if (queue.byStatus.failed > 0) return `${queue.byStatus.failed} ${queue.byStatus.failed === 1 ? 'photo' : 'photos'} could not be uploaded`;
  return finished > 0 ? 'All photos uploaded' : 'Ready: drop folders on the window';
}

/** Never 100 while anything is left or a scan is still finding files. */
export function percent(status: EngineStatus): number {
  const { bytesDone, bytesTotal } = status.queue;
  if (bytesTotal <= 0) return 0;
  const value = Math.floor((bytesDone / bytesTotal) * 100);
  return remainingJobs(status) > 0 || status.queue.scanning ? Math.min(value, 99) : value;
}
