/**
 * AVI (RIFF) facts: frame count × frame time from the main header (avih) for the duration, its stored frame
 * size, and the recording date of the IDIT chunk ("MON SEP 10 20:52:00 2012", camera-local time).
 */
import { readAt, type PhotoBytes } from '../read/photo-bytes';
import type { VideoFacts } from './video-facts';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** IDIT text → "YYYY-MM-DDTHH:MM:SS" (no offset: the camera's wall clock). Also accepts "YYYY:MM:DD HH:MM:SS". */
export function riffDate(text: string): string | undefined {
  const ctime = /^\s*\w{3}\s+(\w{3})\s+(\d{1,2})\s+(\d{2}):(\d{2}):(\d{2})\s+(\d{4})/.exec(text);
  if (ctime) {
    const month = MONTHS.indexOf(ctime[1]!.toUpperCase()) + 1;
    if (month === 0) return undefined;
    const pad = (n: number | string) => String(n).padStart(2, '0');
    return `${ctime[6]}-${pad(month)}-${pad(ctime[2]!)}T${ctime[3]}:${ctime[4]}:${ctime[5]}`;
  }
  const exif = /^\s*(\d{4})[:/-](\d{2})[:/-](\d{2})[ T](\d{2}):(\d{2}):(\d{2})/.exec(text);
  return exif ? `${exif[1]}-${exif[2]}-${exif[3]}T${exif[4]}:${exif[5]}:${exif[6]}` : undefined;
}

interface Chunk {
  id: string;
  start: number;
  size: number;
}

async function listChunks(photo: PhotoBytes, start: number, end: number): Promise<Chunk[]> {
  const chunks: Chunk[] = [];
  let offset = start;
  while (offset + 8 <= end) {
    const head = await readAt(photo, offset, 12);
    if (head.length < 8) break;
    const size = head.readUInt32LE(4);
    const id = head.toString('latin1', 0, 4);
    chunks.push({ id: id === 'LIST' && head.length >= 12 ? `LIST:${head.toString('latin1', 8, 12)}` : id, start: offset + 8, size });
    offset += 8 + size + (size % 2);
  }
  return chunks;
}

export async function readAviFacts(photo: PhotoBytes): Promise<VideoFacts> {
  const facts: VideoFacts = {};
  const top = await listChunks(photo, 12, photo.size);
  const hdrl = top.find((c) => c.id === 'LIST:hdrl');
  if (!hdrl) return facts;
  for (const chunk of await listChunks(photo, hdrl.start + 4, hdrl.start + hdrl.size)) {
    if (chunk.id === 'avih') {
      const avih = await readAt(photo, chunk.start, 40);
      if (avih.length < 40) continue;
      const microsecondsPerFrame = avih.readUInt32LE(0);
      const frames = avih.readUInt32LE(16);
      if (microsecondsPerFrame > 0 && frames > 0) facts.duration = (frames * microsecondsPerFrame) / 1e6;
      facts.width = avih.readUInt32LE(32) || undefined;
      facts.height = avih.readUInt32LE(36) || undefined;
    } else if (chunk.id === 'IDIT') {
      facts.dateTimeOriginal = riffDate((await readAt(photo, chunk.start, Math.min(chunk.size, 64))).toString('latin1'));
    }
  }
  return facts;
}
