/**
 * Decides when a desktop notification is worth interrupting for: a batch finished (with or
 * without failures) or the app needs the user (sign-in, a serious error). Pure: it watches
 * successive statuses and returns what to show, in the chosen language; app.ts shows it.
 */
import type { EngineEvent, EngineStatus } from '../../shared/api';
import { englishMain, type MainTranslator } from './i18n';
import { remainingJobs } from './status-text';

export interface DesktopNotice {
  title: string;
  body: string;
}

interface Baseline {
  done: number;
  skipped: number;
  failed: number;
}

export interface NoticePlanner {
  /** `now` in ms; used to show at most one error notice per ERROR_NOTICE_GAP_MS. */
  observe(event: EngineEvent, now: number): DesktopNotice | null;
}

export const ERROR_NOTICE_GAP_MS = 30_000;

/** `tr`: the language in force when a notice is made (Settings may change it at any time). */
export function createNoticePlanner(tr: () => MainTranslator = () => englishMain): NoticePlanner {
  let busy = false;
  let baseline: Baseline | null = null;
  let lastConnection: EngineStatus['connection']['state'] | null = null;
  let lastErrorNoticeAt = Number.NEGATIVE_INFINITY;

  const onStatus = (status: EngineStatus): DesktopNotice | null => {
    const connection = status.connection;
    const wasAuth = lastConnection === 'auth-required';
    lastConnection = connection.state;
    if (connection.state === 'auth-required') {
      return wasAuth ? null : { title: tr().t('notice.signIn.title'), body: tr().t('notice.signIn.body', { message: connection.message }) };
    }
    const working = remainingJobs(status) > status.queue.byStatus.paused || status.queue.scanning;
    if (working && !busy) {
      busy = true;
      if (!baseline) baseline = countsOf(status);
      return null;
    }
    if (working || !busy) return null;
    busy = false;
    const start = baseline ?? countsOf(status);
    baseline = countsOf(status);
    return finishedNotice(start, baseline, tr());
  };

  return {
    observe(event, now) {
      if (event.type === 'statusChanged') return onStatus(event.status);
      if (event.type !== 'notice' || event.level !== 'error' || now - lastErrorNoticeAt < ERROR_NOTICE_GAP_MS) return null;
      lastErrorNoticeAt = now;
      return { title: tr().t('notice.attention.title'), body: event.message };
    },
  };
}

function countsOf(status: EngineStatus): Baseline {
  const s = status.queue.byStatus;
  return { done: s.done, skipped: s.skipped, failed: s.failed };
}

function finishedNotice(start: Baseline, end: Baseline, tr: MainTranslator): DesktopNotice | null {
  const uploaded = Math.max(0, end.done - start.done);
  const skipped = Math.max(0, end.skipped - start.skipped);
  const failed = Math.max(0, end.failed - start.failed);
  if (uploaded + skipped + failed === 0) return null;
  if (failed === 0) return { title: tr.t('notice.finished.title'), body: tr.t('notice.finished.body', { uploaded, skipped }) };
  return { title: tr.t('notice.finishedProblems.title'), body: tr.t('notice.finishedProblems.body', { uploaded, skipped, failed }) };
}
