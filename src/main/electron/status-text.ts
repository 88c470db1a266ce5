/**
 * The queue in a few words, for the tray's status line and tooltip, in the chosen language. Pure.
 */
import type { EngineStatus } from '../../shared/api';
import { englishMain, type MainTranslator } from './i18n';

/** Jobs not yet finished one way or another (paused ones included: they still need doing). */
export function remainingJobs(status: EngineStatus): number {
  const s = status.queue.byStatus;
  return s.queued + s.hashing + s.uploading + s.registering + s.waiting + s.paused;
}

export function describeStatus(status: EngineStatus | null, tr: MainTranslator = englishMain): string {
  if (!status) return tr.t('tray.starting');
  const text = describeQueue(status, tr);
  return status.demoMode ? tr.t('tray.demo', { text }) : text;
}

function describeQueue(status: EngineStatus, tr: MainTranslator): string {
  const { queue, connection } = status;
  const left = tr.t('tray.left', { count: remainingJobs(status) });
  const failed = queue.byStatus.failed > 0 ? tr.t('tray.failedPart', { count: queue.byStatus.failed }) : '';
  const anyLeft = remainingJobs(status) > 0;
  if (connection.state === 'auth-required') return tr.t('tray.signIn');
  if (status.paused) return tr.t('tray.paused', { left, failed });
  if (anyLeft && connection.state === 'offline') return tr.t('tray.offline', { left });
  if (anyLeft && connection.state === 'rate-limited') return tr.t('tray.rateLimited', { left });
  if (anyLeft) return tr.t('tray.uploading', { percent: percent(status), left, failed });
  if (queue.scanning) return tr.t('tray.scanning');
  const finished = queue.byStatus.done + queue.byStatus.skipped;
  if (queue.byStatus.failed > 0) return tr.t('tray.someFailed', { count: queue.byStatus.failed });
  return finished > 0 ? tr.t('tray.allUploaded') : tr.t('tray.ready');
}

/** Never 100 while anything is left or a scan is still finding files. */
export function percent(status: EngineStatus): number {
  const { bytesDone, bytesTotal } = status.queue;
  if (bytesTotal <= 0) return 0;
  const value = Math.floor((bytesDone / bytesTotal) * 100);
  return remainingJobs(status) > 0 || status.queue.scanning ? Math.min(value, 99) : value;
}
