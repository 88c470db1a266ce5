/** The log file is rotated by size (rotating-file-stream), keeps a bounded number of old files, and stays redacted. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger, fileSink, flushLogs, logFilePath } from '../../../src/main/engine/logger';
import { tempDir } from '../../helpers/stack';

const JWT = 'eyJhbGciOiJIUzI1NiJ9.eyJ1c2VyIjoiMSJ9.c2lnbmF0dXJlLXNlY3JldA';

describe('log rotation', () => {
  it('rotates pixdrop.log at its size, keeps the newest rotated files only, and never writes a secret', async () => {
    const dataDir = tempDir('pixdrop-logs-');
    const logger = createLogger('info', fileSink(dataDir, false, { size: '2K', keep: 2 }));
    for (let i = 0; i < 120; i += 1) {
      logger.info(`line ${i} for photo IMG_${i}.jpg`, { token: JWT });
      logger.warn(`backend said token=${JWT}`);
      // Rotation happens between writes: give the stream a turn now and then, as a running engine does.
      if (i % 10 === 9) await new Promise((r) => setTimeout(r, 20));
    }
    await flushLogs();
    const files = readdirSync(path.join(dataDir, 'logs')).sort();
    expect(files).toEqual(['pixdrop.1.log', 'pixdrop.2.log', 'pixdrop.log']);
    expect(existsSync(logFilePath(dataDir, 3))).toBe(false);
    const all = files.map((f) => readFileSync(path.join(dataDir, 'logs', f), 'utf8')).join('');
    expect(all).not.toContain(JWT);
    expect(all).toContain('"token":"***"');
    // The newest lines are in pixdrop.log, the ones before in pixdrop.1.log.
    expect(readFileSync(logFilePath(dataDir), 'utf8')).toContain('line 119 ');
    for (const f of files) expect(readFileSync(path.join(dataDir, 'logs', f)).length).toBeLessThan(2048 + 400);
  });
});
