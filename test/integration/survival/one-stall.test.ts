/**
 * One stall for every server: an album backend and a Cloudinary that take a request and never answer are
 * given up after the same time (PIXDROP_STALL_TIMEOUT_MS, one setting and one default for both), and the
 * photo is retried, not lost: it ends in the album once, its content stored once.
 */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCli } from '../../helpers/cli';
import { requireBuiltCli } from '../../helpers/paths';
import { tempDir } from '../../helpers/stack';
import { exactlyOnceReport, makePhotos, startSurvivalStack, waitFor, type SurvivalStack } from './harness';

const STALL_MS = 2000;

function jobErrors(dataDir: string): string[] {
  try {
    const db = new Database(path.join(dataDir, 'library.sqlite'), { readonly: true, fileMustExist: true });
    try {
      return (db.prepare('SELECT error_message FROM jobs WHERE error_message IS NOT NULL').all() as { error_message: string }[]).map((r) => r.error_message);
    } finally {
      db.close();
    }
  } catch {
    return []; // not created yet
  }
}

describe('one stall mechanism', () => {
  let stack: SurvivalStack;
  beforeAll(async () => {
    requireBuiltCli();
    stack = await startSurvivalStack();
  });
  afterAll(() => stack?.close());

  it('a silent album backend and a silent Cloudinary are both given up after the configured stall; the photo is retried and kept', async () => {
    const folder = path.join(tempDir('pixdrop-one-stall-'), 'Quiet servers');
    const photos = makePhotos(folder, [{ name: 'QUIET.jpg', size: 450_000 }], 470);
    const env = stack.envFor('one-stall', { PIXDROP_STALL_TIMEOUT_MS: String(STALL_MS) });
    const dataDir = env.PIXDROP_DATA_DIR as string;

    // The backend hangs every request until the job says it was given up.
    stack.backend.setFaults({ hang: 1 });
    const hangsBefore = stack.backend.stats().faults.hang;
    // Cloudinary hangs the first upload request; when its connection closes, the client gave up.
    let cloudinaryHang: { at: number; closedAt?: number } | undefined;
    stack.cloudinary.setUploadHook((request) => {
      if (cloudinaryHang) return null;
      const hang: { at: number; closedAt?: number } = { at: request.at };
      cloudinaryHang = hang;
      request.req.socket.once('close', () => (hang.closedAt = Date.now()));
      return 'hang';
    });

    const running = startCli(['upload', folder, '--album-from-folder', '--json'], env);
    let backendGivenUp: number;
    let backendHungAt = 0;
    try {
      await waitFor(() => (backendHungAt = stack.backend.stats().faults.hang > hangsBefore ? Date.now() : 0) > 0, 20_000, 'a backend request hanging');
      await waitFor(() => jobErrors(dataDir).some((m) => /album backend/.test(m)), 20_000, 'the backend call given up');
      backendGivenUp = Date.now() - backendHungAt;
    } finally {
      stack.backend.setFaults({});
    }
    await waitFor(() => jobErrors(dataDir).some((m) => /stalled/.test(m)), 30_000, 'the Cloudinary transfer given up');
    await waitFor(() => cloudinaryHang?.closedAt !== undefined, 5_000, 'the hung upload connection closed');
    stack.cloudinary.setUploadHook(null);
    const cloudinaryGivenUp = cloudinaryHang!.closedAt! - cloudinaryHang!.at;
    const result = await running.done;
    console.log(`stall ${STALL_MS} ms: backend given up after ~${backendGivenUp} ms, Cloudinary after ${cloudinaryGivenUp} ms`);

    for (const givenUp of [backendGivenUp, cloudinaryGivenUp]) {
      expect(givenUp).toBeGreaterThanOrEqual(STALL_MS - 100);
      expect(givenUp).toBeLessThan(STALL_MS + 2500);
    }
    expect(Math.abs(backendGivenUp - cloudinaryGivenUp)).toBeLessThan(1500);
    expect(result.code, result.stderr).toBe(0);
    expect(exactlyOnceReport(stack, photos).perPhoto[0]).toMatchObject({ records: 1, assets: 1 });
  });
});
