/**
 * Videos (contract §3, §5): which files are videos, by name and by content, and their facts from the container.
 * MP4/MOV/M4V/3GP are read from their boxes (video-quicktime.ts), AVCHD .MTS/.M2TS from the transport stream
 * (video-mpegts.ts), AVI from its RIFF headers (video-riff.ts).
 */
import type { PhotoBytes } from '../read/photo-bytes';
import type { VideoFacts } from './video-facts';
import { readTransportStreamFacts, packetLayout } from './video-mpegts';
import { readQuickTimeFacts } from './video-quicktime';
import { readAviFacts } from './video-riff';

export { videoMetadatas, type VideoFacts } from './video-facts';

const VIDEO_EXTENSIONS: Record<string, string> = {
  mp4: 'video/mp4',
  m4v: 'video/x-m4v',
  mov: 'video/quicktime',
  qt: 'video/quicktime',
  '3gp': 'video/3gpp',
  '3g2': 'video/3gpp2',
  mts: 'video/m2ts',
  m2ts: 'video/m2ts',
  m2t: 'video/m2ts',
  avi: 'video/x-msvideo',
};

function extensionOf(path: string): string {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toLowerCase();
}

/** The MIME type a video's name promises, or null when the name is not a video's. */
export function videoTypeByExtension(path: string): string | null {
  return VIDEO_EXTENSIONS[extensionOf(path)] ?? null;
}

export function isVideoMime(mime: string): boolean {
  return mime.startsWith('video/');
}

/** Top-level atoms a QuickTime movie without ftyp (older cameras, QuickTime 6) may start with. */
const QUICKTIME_FIRST_ATOMS = new Set(['moov', 'mdat', 'wide', 'free', 'skip', 'pnot']);

/** The major brand names the MIME type as exiftool does (3gp5 → video/3gpp, M4V → video/x-m4v, qt → video/quicktime). */
function mimeOfBrand(brand: string): string {
  if (brand === 'qt  ') return 'video/quicktime';
  if (brand.startsWith('3gp') || brand.startsWith('3gs') || brand.startsWith('3ge')) return 'video/3gpp';
  if (brand.startsWith('3g2')) return 'video/3gpp2';
  if (brand.startsWith('M4V')) return 'video/x-m4v';
  return 'video/mp4';
}

/**
 * The video type from the first bytes, or null when they are not a video's. Call after the photo sniffer:
 * an ftyp box is also how HEIC, AVIF and CR3 start.
 */
export function sniffVideoType(head: Buffer): string | null {
  if (head.length < 12) return null;
  const at4 = head.toString('latin1', 4, 8);
  if (at4 === 'ftyp') return mimeOfBrand(head.toString('latin1', 8, 12));
  if (QUICKTIME_FIRST_ATOMS.has(at4) && head.readUInt32BE(0) >= 8) return 'video/quicktime';
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'AVI ') return 'video/x-msvideo';
  return packetLayout(head) ? 'video/m2ts' : null;
}

export async function readVideoFacts(photo: PhotoBytes, mime: string): Promise<VideoFacts> {
  if (mime === 'video/x-msvideo') return readAviFacts(photo);
  if (mime === 'video/m2ts') return readTransportStreamFacts(photo);
  return readQuickTimeFacts(photo);
}
