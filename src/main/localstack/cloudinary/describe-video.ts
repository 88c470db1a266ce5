/**
 * What the local Cloudinary reports about a stored video: its stored size, duration and rotation from the
 * container (the engine's own readers), as the real service does in a `resource_type: video` answer.
 */
import { open } from 'node:fs/promises';
import path from 'node:path';
import { photoBytes } from '../../engine/read/photo-bytes';
import { readVideoFacts, sniffVideoType, videoTypeByExtension } from '../../engine/metadata/video-metadata';

export interface VideoDescription {
  width: number | null;
  height: number | null;
  format: string;
  duration: number | null;
  rotation: number | null;
}

const HEAD_BYTES = 64 * 1024;

/** The extension as format, as Cloudinary names video formats (mp4, mov, m4v, 3gp, mts, avi). */
function formatOf(filename: string, mime: string): string {
  const extension = path.extname(filename).slice(1).toLowerCase();
  if (extension) return extension === 'qt' ? 'mov' : extension;
  return { 'video/quicktime': 'mov', 'video/x-msvideo': 'avi', 'video/m2ts': 'mts', 'video/3gpp': '3gp' }[mime] ?? 'mp4';
}

/** Null when the bytes are not a video's (by name and content). */
export async function describeVideo(filePath: string, filename: string, size: number): Promise<VideoDescription | null> {
  if (!videoTypeByExtension(filename)) return null;
  const handle = await open(filePath, 'r');
  const head = Buffer.alloc(Math.min(HEAD_BYTES, size));
  await handle.read(head, 0, head.length, 0).finally(() => handle.close());
  const mime = sniffVideoType(head);
  if (!mime) return null;
  const bytes = photoBytes(filePath, size, head);
  try {
    const facts = await readVideoFacts(bytes, mime).catch(() => ({}) as Awaited<ReturnType<typeof readVideoFacts>>);
    return {
      width: facts.width ?? null,
      height: facts.height ?? null,
      format: formatOf(filename, mime),
      duration: facts.duration ?? null,
      rotation: facts.rotation ?? null,
    };
  } finally {
    await bytes.close();
  }
}
