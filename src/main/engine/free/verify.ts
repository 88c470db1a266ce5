/**
 * Whether a file may leave the card (--after-upload), pure: its photo is in the album (the backend's record
 * exists), Cloudinary's answer is this very content (`bytes` = the file's size, `etag` = the MD5 of the bytes
 * read from the file now) and the file is the one that was sent (size, mtime and SHA-1 as recorded when it was
 * read for upload). Anything short of that keeps the file, with a sentence saying why.
 */
import type { ImageRecord } from '../backend/client';
import type { FileFacts } from './file-facts';

export type Verdict = { ok: true } | { ok: false; changed: boolean; why: string };

export interface Expected {
  path: string;
  size: number;
  mtimeMs: number;
  sha1: string;
  publicId: string;
}

/** Cloudinary's answer (or the album record's copy of it) matches the bytes read; null when it does. */
export function answerMismatch(answer: Record<string, unknown> | null | undefined, facts: FileFacts, publicId: string): string | null {
  if (!answer) return 'no Cloudinary answer is known for it';
  if (answer.public_id !== undefined && answer.public_id !== publicId) return `Cloudinary's answer is for ${String(answer.public_id)}`;
  if (Number(answer.bytes) !== facts.size) return `Cloudinary reports ${String(answer.bytes)} bytes, the file has ${facts.size}`;
  if (typeof answer.etag !== 'string' || answer.etag.replace(/"/g, '').toLowerCase() !== facts.md5)
    return "Cloudinary's content hash (etag) differs from the file's MD5";
  return null;
}

/** The file as it is now is the one that was uploaded. */
export function changedSince(facts: FileFacts, expected: Expected): boolean {
  return facts.bytesRead !== facts.size || facts.size !== expected.size || facts.mtimeMs !== expected.mtimeMs || facts.sha1 !== expected.sha1;
}

/**
 * The album photo's own file. `answer`: what Cloudinary said when this library sent it (null for a photo
 * that was already in the album); `record`: the album's record of this public_id, asked just now.
 */
export function judgePhoto(o: { expected: Expected; facts: FileFacts; answer: Record<string, unknown> | null; record: ImageRecord | null }): Verdict {
  const { expected, facts } = o;
  if (changedSince(facts, expected)) {
    return {
      ok: false,
      changed: true,
      why: `${expected.path} changed after it was uploaded (size, date or content differ); it is kept where it is. Run the upload again to send it as it is now.`,
    };
  }
  if (!o.record) return { ok: false, changed: false, why: `${expected.path} is kept: its photo is not in the album (no record of ${expected.publicId}).` };
  // Sent by this library: its own answer; already there: the album record's copy of the answer, which must match too.
  const problem = (o.answer ? answerMismatch(o.answer, facts, expected.publicId) : null) ?? answerMismatch(o.record.infos, facts, expected.publicId);
  if (problem) return { ok: false, changed: false, why: `${expected.path} is kept: it cannot be verified against the album (${problem}).` };
  return { ok: true };
}

/** A pair's RAW or a Live Photo's clip: linked from the album record and held by Cloudinary as exactly these bytes. */
export function judgeCompanion(o: {
  path: string;
  kind: 'raw' | 'motion';
  facts: FileFacts;
  publicId: string;
  record: ImageRecord;
  asset: Record<string, unknown> | null;
}): Verdict {
  const linked = o.record.metadatas?.[o.kind === 'raw' ? 'raw_public_id' : 'motion_public_id'];
  if (o.facts.bytesRead !== o.facts.size || linked !== o.publicId) {
    return {
      ok: false,
      changed: true,
      why: `${o.path} is kept: it is not the ${o.kind === 'raw' ? 'RAW' : 'motion clip'} linked to its photo in the album (changed or never uploaded).`,
    };
  }
  const problem = answerMismatch(o.asset, o.facts, o.publicId);
  return problem ? { ok: false, changed: false, why: `${o.path} is kept: it cannot be verified against Cloudinary (${problem}).` } : { ok: true };
}
