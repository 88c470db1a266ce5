/** Every failure a person reads names its file: piped, on a terminal and in the closing list. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { plainReporter, ttyReporter } from '../../../src/main/cli/reporters';
import { jobView } from '../../helpers/views';

/** A server's refusal, worded by the server side: it does not know the file's name. */
const refused = { code: 'REJECTED' as const, message: 'Cloudinary refused this file (HTTP 400): Invalid image file. Check the file, then retry it.' };

function capture(): { stream: NodeJS.WriteStream; text(): string } {
  let text = '';
  const stream = new Writable({
    write(chunk, _enc, done) {
      text += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  return { stream, text: () => text };
}

const summary = { uploaded: 0, skipped: 0, failed: 2, bytes: 0, seconds: 1, ignored: 0, cancelled: 0, replaced: 0, linked: 0 };

describe('failure lines', () => {
  it('piped: each failure line starts with the file it is about', () => {
    const out = capture();
    const err = capture();
    const reporter = plainReporter(out.stream, err.stream);
    reporter.finished(jobView(7, { path: '/shoot/day 1/IMG_0007.JPG', status: 'failed', error: refused }), 'failed');
    reporter.problem('/shoot/day 1/broken.jpg', { code: 'CORRUPT_FILE', message: 'The file is cut short.' });
    expect(err.text().split('\n').filter(Boolean)).toEqual([
      `failed   /shoot/day 1/IMG_0007.JPG: [REJECTED] ${refused.message}`,
      'failed   /shoot/day 1/broken.jpg: [CORRUPT_FILE] The file is cut short.',
    ]);
  });

  it('on a terminal: the closing list names each failed file', () => {
    const out = capture();
    const reporter = ttyReporter(out.stream);
    reporter.finished(jobView(7, { path: '/shoot/IMG_0007.JPG', relativePath: 'IMG_0007.JPG', status: 'failed', error: refused }), 'failed');
    reporter.problem('/shoot/broken.jpg', { code: 'CORRUPT_FILE', message: 'The file is cut short.' });
    reporter.summary(summary);
    const closing = out.text().split('Failed files')[1];
    expect(closing).toContain(`/shoot/IMG_0007.JPG: [REJECTED] ${refused.message}`);
    expect(closing).toContain('/shoot/broken.jpg: [CORRUPT_FILE]');
  });
});
