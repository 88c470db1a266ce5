/** Photo folders for the benches: big valid JPEGs, and copies of the real fixtures. */
import { randomBytes } from 'node:crypto';
import { closeSync, copyFileSync, linkSync, mkdirSync, openSync, readFileSync, readdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { fixturesDir } from './paths.mjs';

/**
 * A valid JPEG of `size` bytes: a real camera JPEG whose scan data is extended with random bytes
 * (no 0xFF, so no stray markers) before the end-of-image marker. Written in 1 MB pieces.
 */
export function writeBigJpeg(target, size, seed = 1) {
  const base = readFileSync(path.join(fixturesDir, 'cameras/olympus-pen-e-p3.jpg'));
  const head = base.subarray(0, base.length - 2);
  const fd = openSync(target, 'w');
  writeSync(fd, head);
  let left = size - head.length - 2;
  const piece = Buffer.alloc(1 << 20);
  let n = seed * 1_000_003;
  while (left > 0) {
    const len = Math.min(left, piece.length);
    randomBytes(len).copy(piece);
    piece.writeUInt32BE(n++ >>> 0, 0);
    for (let i = piece.indexOf(0xff); i !== -1 && i < len; i = piece.indexOf(0xff, i + 1)) piece[i] = 0xfe;
    writeSync(fd, piece, 0, len);
    left -= len;
  }
  writeSync(fd, Buffer.from([0xff, 0xd9]));
  closeSync(fd);
}

const PHOTO = /\.(jpe?g|heic|heif|hif|avif|webp|png|tiff?|dng|cr2|cr3|nef|arw|raf|rw2|orf)$/i;

/** Every fixture photo except broken/ (the folder of deliberately damaged files). */
export function fixturePhotos() {
  const out = [];
  const visit = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        if (path.relative(fixturesDir, full) !== 'broken') visit(full);
      } else if (PHOTO.test(entry.name)) out.push(full);
    }
  };
  visit(fixturesDir);
  return out.sort();
}

/** `count` real copies of photos cycled from the fixtures, 500 per subfolder. */
export function fillWithFixtures(dir, count) {
  const sources = fixturePhotos();
  let bytes = 0;
  const sizes = sources.map((s) => readFileSync(s).length);
  for (let i = 0; i < count; i += 1) {
    const sub = path.join(dir, `roll-${String(Math.floor(i / 500)).padStart(3, '0')}`);
    if (i % 500 === 0) mkdirSync(sub, { recursive: true });
    const source = sources[i % sources.length];
    const target = path.join(sub, `${String(i).padStart(6, '0')}-${path.basename(source)}`);
    copyFileSync(source, target);
    bytes += sizes[i % sources.length];
  }
  return { files: count, bytes, distinctSources: sources.length };
}

/**
 * `count` names for one small photo (hard links, 1,000 per subfolder) below dir/photos, which
 * is returned: cheap, for queue-size tests.
 */
export function linkFarm(dir, count) {
  const root = path.join(dir, 'photos');
  mkdirSync(root, { recursive: true });
  const original = path.join(dir, 'original.jpg');
  copyFileSync(path.join(fixturesDir, 'iptc-xmp/nikon-d1x-reagan.jpg'), original);
  for (let i = 0; i < count; i += 1) {
    const sub = path.join(root, `roll-${String(Math.floor(i / 1000)).padStart(3, '0')}`);
    if (i % 1000 === 0) mkdirSync(sub, { recursive: true });
    linkSync(original, path.join(sub, `${String(i).padStart(6, '0')}.jpg`));
  }
  return root;
}

/**
 * `count` distinct small JPEGs below dir/photos (`perFolder` to a folder): one small real photo
 * with a numbered comment segment after its start marker, so every file has its own content
 * (and hash) at the size of the original. `first` numbers the first photo: trees with different
 * numbers share no photo. Returns the root and the bytes written.
 */
export function smallPhotoTree(dir, count, perFolder = 1000, first = 0) {
  const root = path.join(dir, 'photos');
  const base = readFileSync(path.join(fixturesDir, 'iptc-xmp/nikon-d1x-reagan.jpg'));
  let bytes = 0;
  for (let i = 0; i < count; i += 1) {
    const sub = path.join(root, `roll-${String(Math.floor(i / perFolder)).padStart(3, '0')}`);
    if (i % perFolder === 0) mkdirSync(sub, { recursive: true });
    const text = Buffer.from(`pixdrop-bench-${first + i}`);
    const comment = Buffer.alloc(4);
    comment.writeUInt16BE(0xfffe, 0);
    comment.writeUInt16BE(text.length + 2, 2);
    const photo = Buffer.concat([base.subarray(0, 2), comment, text, base.subarray(2)]);
    const fd = openSync(path.join(sub, `${String(i).padStart(6, '0')}.jpg`), 'w');
    writeSync(fd, photo);
    closeSync(fd);
    bytes += photo.length;
  }
  return { root, bytes };
}
