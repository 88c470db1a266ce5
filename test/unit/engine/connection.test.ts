/** The connection state: one refusal notice however many jobs hit it; new credentials resume. */
import { describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../../src/shared/api';
import { createConnectionMonitor } from '../../../src/main/engine/queue/connection';
import { silentLogger } from '../../../src/main/engine/logger';

function monitor() {
  const changes: ConnectionState[] = [];
  const m = createConnectionMonitor({ clock: { now: () => 1000 }, logger: silentLogger, probe: async () => false, onChange: (s) => changes.push(s) });
  return { m, changes };
}

describe('connection monitor', () => {
  it('reports credentials refused once, however many jobs are refused', () => {
    const { m, changes } = monitor();
    m.authRequired('refused (HTTP 401)');
    m.authRequired('refused (HTTP 401)');
    m.authRequired('refused (HTTP 403)');
    expect(changes).toEqual([{ state: 'auth-required', message: 'refused (HTTP 401)' }]);
    expect(m.canUpload()).toBe(false);
    m.close();
  });

  it('stays waiting for credentials through outages and rate limits, and resumes on new ones', () => {
    const { m } = monitor();
    m.authRequired('refused');
    m.markOffline();
    m.rateLimited(5);
    m.markOnline();
    expect(m.state().state).toBe('auth-required');
    m.credentialsChanged();
    expect(m.state()).toEqual({ state: 'online' });
    expect(m.canUpload()).toBe(true);
    m.close();
  });

  it('holds uploads while offline and schedules a probe', () => {
    const { m } = monitor();
    m.markOffline();
    expect(m.canUpload()).toBe(false);
    expect(m.state()).toMatchObject({ state: 'offline', since: 1000, nextProbeAt: 1500 });
    m.markOnline();
    expect(m.canUpload()).toBe(true);
    m.close();
  });
  it('keeps a rate-limit pause until Retry-After has passed, even when a transfer already on the wire succeeds', () => {
    const { m, changes } = monitor();
    m.rateLimited(3);
    m.markOnline();
    expect(m.state()).toEqual({ state: 'rate-limited', until: 4000 });
    expect(m.canUpload()).toBe(false);
    m.rateLimited(1); // a shorter Retry-After does not end the longer pause
    expect(changes).toEqual([{ state: 'rate-limited', until: 4000 }]);
    m.close();
  });
});
