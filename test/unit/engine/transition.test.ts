/** transition(): the job state machine of src/shared/job.ts, held to the table in docs/architecture.md. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { JOB_EVENTS, JOB_STATUSES, transition, type JobEventType, type JobStatus } from '../../../src/shared/job';
import { repoRoot } from '../../helpers/paths';

/** The documented machine: event → (from → to), read from the table under "The job's status". */
function documentedMachine(): Map<string, Map<string, string>> {
  const text = readFileSync(path.join(repoRoot, 'docs/architecture.md'), 'utf8');
  const machine = new Map<string, Map<string, string>>();
  for (const [, event, moves] of text.matchAll(/^\| `(\w+)` \|[^|]*\| ([^|]+) \|$/gm)) {
    const targets = new Map<string, string>();
    for (const move of moves!.split(';')) {
      const [froms, to] = move.split('→').map((part) => part.trim());
      for (const from of froms!.split(',')) targets.set(from.trim(), to!);
    }
    machine.set(event!, targets);
  }
  return machine;
}

const walk = (from: JobStatus, events: JobEventType[]) => events.reduce<JobStatus | null>((s, type) => (s === null ? null : transition(s, { type })), from);

describe('transition', () => {
  it('answers every (status, event) pair as the table in docs/architecture.md says, and nothing else', () => {
    const documented = documentedMachine();
    expect([...documented.keys()].sort()).toEqual([...JOB_EVENTS].sort());
    const mismatches: string[] = [];
    for (const event of JOB_EVENTS) {
      for (const from of documented.get(event)!.keys()) if (!JOB_STATUSES.includes(from as JobStatus)) mismatches.push(`${event}: unknown status ${from}`);
      for (const status of JOB_STATUSES) {
        const expected = documented.get(event)!.get(status) ?? null;
        const actual = transition(status, { type: event });
        if (actual !== expected) mismatches.push(`${status} + ${event}: code says ${actual}, docs say ${expected}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('follows the happy path to done', () => {
    expect(walk('queued', ['hashClaimed', 'hashed', 'uploadClaimed', 'uploaded', 'registered'])).toBe('done');
  });

  it('skips content the album already has, found when reading or before sending', () => {
    expect(walk('queued', ['hashClaimed', 'foundInAlbum'])).toBe('skipped');
    expect(walk('queued', ['hashClaimed', 'hashed', 'uploadClaimed', 'foundInAlbum'])).toBe('skipped');
  });

  it('keeps a pause or cancel that raced a running step: the step’s own result no longer applies', () => {
    for (const command of ['pause', 'cancel'] as const) {
      const stopped = walk('uploading', [command])!;
      for (const result of ['uploaded', 'foundInAlbum', 'transientError', 'permanentError', 'heldBack', 'readAgain'] as const) {
        expect(transition(stopped, { type: result }), `${command} then ${result}`).toBeNull();
      }
    }
  });

  it('lets registration finish: it cannot be paused or cancelled', () => {
    expect(transition('registering', { type: 'pause' })).toBeNull();
    expect(transition('registering', { type: 'cancel' })).toBeNull();
    expect(transition('registering', { type: 'registered' })).toBe('done');
  });

  it('uploads a cancelled file only when it is added again', () => {
    for (const type of JOB_EVENTS.filter((e) => e !== 'addedAgain' && e !== 'contentChanged')) {
      expect(transition('cancelled', { type }), type).toBeNull();
    }
    expect(walk('uploading', ['cancel', 'addedAgain'])).toBe('queued');
  });

  it('puts every working job back in the queue after a crash, and nothing else', () => {
    for (const status of JOB_STATUSES) {
      const expected = ['hashing', 'uploading', 'registering'].includes(status) ? 'queued' : null;
      expect(transition(status, { type: 'recovered' }), status).toBe(expected);
    }
  });

  it('never leaves a finished job by itself; only new content at its path, a late RAW or clip, or a replacement moves it', () => {
    for (const status of ['done', 'skipped'] as JobStatus[]) {
      for (const type of JOB_EVENTS.filter((e) => e !== 'contentChanged' && e !== 'replaced' && e !== 'companionFound'))
        expect(transition(status, { type }), `${status} + ${type}`).toBeNull();
      expect(transition(status, { type: 'replaced' })).toBe('replaced');
    }
    expect(transition('done', { type: 'companionFound' })).toBe('queued');
    expect(transition('skipped', { type: 'companionFound' })).toBeNull();
    for (const type of JOB_EVENTS) expect(transition('replaced', { type }), `replaced + ${type}`).toBeNull();
  });

  it('retries a failed file from the queue', () => {
    expect(walk('uploading', ['permanentError', 'retry'])).toBe('queued');
    expect(walk('uploading', ['transientError', 'waitOver'])).toBe('queued');
    expect(transition('done', { type: 'retry' })).toBeNull();
  });
});
