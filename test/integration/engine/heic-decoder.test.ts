/**
 * The HEIC decoder's bounds, with the real worker and libheif: one decode at a time and a bounded wait
 * (more are refused as busy at once), a broken file fails alone and the next photo still decodes, and
 * the worker thread (with its wasm heap) is ended once idle.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import jpeg from 'jpeg-js';
import { afterEach, describe, expect, it } from 'vitest';
import { createHeicDecoder, DecodeError, type HeicDecoder } from '../../../src/main/engine/thumbnails/heic-decoder';
import { fixturesDir, waitFor } from '../../helpers';

// 1280×854, no metadata at all: a quick decode (~0.6 s).
const SMALL = readFileSync(path.join(fixturesDir, 'no-exif/heif-no-metadata.heic'));
const CUT_SHORT = readFileSync(path.join(fixturesDir, 'formats/heic/apple-iphone-7.heic')).subarray(0, 20_000);

let decoder: HeicDecoder | undefined;
afterEach(() => decoder?.close());

describe('HEIC decoder', () => {
  it('decodes one at a time, refuses what is beyond its bound at once, and ends its worker when idle', async () => {
    decoder = createHeicDecoder({ maxWaiting: 1, idleMs: 300, timeoutMs: 60_000 });
    const first = decoder.decode(SMALL, 480, 80);
    const second = decoder.decode(SMALL, 200, 80);
    await expect(decoder.decode(SMALL, 480, 80)).rejects.toMatchObject({ kind: 'busy' });
    const [a, b] = await Promise.all([first, second]);
    expect({ width: a.width, height: a.height }).toEqual({ width: 480, height: 320 });
    expect(jpeg.decode(a.jpeg)).toMatchObject({ width: 480, height: 320 });
    expect(b.width).toBe(200);
    expect(decoder.running()).toBe(true);
    await waitFor(() => !decoder!.running(), 5_000, 'the idle worker ended');
  });

  it('fails a HEIC cut short with a reason, and decodes the next photo', async () => {
    decoder = createHeicDecoder({ maxWaiting: 4, idleMs: 1_000, timeoutMs: 60_000 });
    const broken = await decoder.decode(CUT_SHORT, 480, 80).catch((error: unknown) => error);
    expect(broken).toBeInstanceOf(DecodeError);
    expect(broken).toMatchObject({ kind: 'failed' });
    expect((broken as Error).message).not.toBe('');
    expect((await decoder.decode(SMALL, 480, 80)).width).toBe(480);
  });
});
