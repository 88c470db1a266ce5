/** Real photos for tests, and big ones made from them. */
import { createHash, randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir, sha1Of } from './index';

/**
 * A valid JPEG of about `size` bytes: a real camera JPEG whose scan data is extended with
 * random bytes before the end-of-image marker. Written in 1 MB pieces (memory stays flat).
 */
export function writeBigJpeg(target: string, size: number, seed = 1): string {
  const base = readFileSync(path.join(fixturesDir, 'cameras/olympus-pen-e-p3.jpg'));
  const head = base.subarray(0, base.length - 2); // without FF D9
  const fd = openSync(target, 'w');
  const hash = createHash('sha1');
  const write = (b: Buffer) => {
    writeSync(fd, b);
    hash.update(b);
  };
  write(head);
  let left = size - head.length - 2;
  const piece = Buffer.alloc(1 << 20);
  let n = seed;
  while (left > 0) {
    const len = Math.min(left, piece.length);
    randomBytes(len).copy(piece);
    piece.writeUInt32BE(n++ >>> 0, 0); // distinct content per seed even with equal random draws
    for (let i = 0; i < len; i += 1) if (piece[i] === 0xff) piece[i] = 0xfe; // no stray markers
    write(piece.subarray(0, len));
    left -= len;
  }
  write(Buffer.from([0xff, 0xd9]));
  closeSync(fd);
  return hash.digest('hex');
}

export { sha1Of };
