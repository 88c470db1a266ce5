import { describe, expect, it } from 'vitest';
import type { EngineEvent, EngineStatus } from '../../../src/shared/api';
import { createNoticePlanner, ERROR_NOTICE_GAP_MS } from '../../../src/main/electron/notifications';
import { createMainTranslator } from '../../../src/main/electron/i18n';
import { statusWith } from './status';

const changed = (status: EngineStatus): EngineEvent => ({ type: 'statusChanged', status });

describe('desktop notifications', () => {
  it('announces a finished batch once, counting only that batch', () => {
    const planner = createNoticePlanner();
    expect(planner.observe(changed(statusWith({ done: 10 })), 0)).toBeNull(); // earlier uploads
    expect(planner.observe(changed(statusWith({ done: 10, queued: 5 })), 1)).toBeNull();
    expect(planner.observe(changed(statusWith({ done: 12, uploading: 1, queued: 2 })), 2)).toBeNull();
    expect(planner.observe(changed(statusWith({ done: 14, skipped: 1 })), 3)).toEqual({
      title: 'Uploads finished',
      body: '4 uploaded, 1 already in the album.',
    });
    expect(planner.observe(changed(statusWith({ done: 14, skipped: 1 })), 4)).toBeNull();
  });

  it('says when a batch finished with failures', () => {
    const planner = createNoticePlanner();
    planner.observe(changed(statusWith({ queued: 3 })), 0);
    expect(planner.observe(changed(statusWith({ done: 2, failed: 1 })), 1)).toEqual({
      title: 'Uploads finished with problems',
      body: '2 uploaded, 1 failed. Open PixDrop to see why and retry.',
    });
  });

  it('does not call a scan that is still running finished', () => {
    const planner = createNoticePlanner();
    planner.observe(changed(statusWith({ queued: 1 })), 0);
    expect(planner.observe(changed(statusWith({ done: 1 }, { scanning: true })), 1)).toBeNull();
    expect(planner.observe(changed(statusWith({ done: 2 })), 2)?.body).toBe('2 uploaded.');
  });

  it('asks for sign-in once when the backend refuses the token', () => {
    const planner = createNoticePlanner();
    const auth = statusWith({ queued: 4 }, { connection: { state: 'auth-required', message: 'The album server refused the token.' } });
    expect(planner.observe(changed(auth), 0)).toEqual({
      title: 'PixDrop needs you to sign in again',
      body: 'The album server refused the token. Uploads are waiting; nothing is lost.',
    });
    expect(planner.observe(changed(auth), 1)).toBeNull();
  });

  it('shows error notices, but not more than one per interval', () => {
    const planner = createNoticePlanner();
    const diskFull: EngineEvent = { type: 'notice', level: 'error', code: 'DISK_FULL', message: 'The disk is full.' };
    expect(planner.observe(diskFull, 1_000)).toEqual({ title: 'PixDrop needs attention', body: 'The disk is full.' });
    expect(planner.observe(diskFull, 2_000)).toBeNull();
    expect(planner.observe({ type: 'notice', level: 'info', message: 'hi' }, 1_000_000)).toBeNull();
    expect(planner.observe(diskFull, 1_000 + ERROR_NOTICE_GAP_MS)).not.toBeNull();
  });

  it('speaks the language chosen at the time the notice is made', () => {
    let tr = createMainTranslator('de');
    const planner = createNoticePlanner(() => tr);
    planner.observe(changed(statusWith({ queued: 3 })), 0);
    expect(planner.observe(changed(statusWith({ done: 1, skipped: 1, failed: 1 })), 1)).toEqual({
      title: 'Uploads mit Problemen abgeschlossen',
      body: '1 hochgeladen, 1 schon im Album, 1 fehlgeschlagen. Öffnen Sie PixDrop, um den Grund zu sehen und es erneut zu versuchen.',
    });
    const auth = statusWith({ queued: 4 }, { connection: { state: 'auth-required', message: 'Token abgelaufen.' } });
    expect(planner.observe(changed(auth), 2)).toEqual({
      title: 'PixDrop braucht eine neue Anmeldung',
      body: 'Token abgelaufen. Die Uploads warten; nichts geht verloren.',
    });
    tr = createMainTranslator('en');
    expect(planner.observe({ type: 'notice', level: 'error', message: 'The disk is full.' }, 3)?.title).toBe('PixDrop needs attention');
  });
});
