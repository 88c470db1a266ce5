/** Turns PhotoDetails.thumbnail (a data: URL) into bytes an <img> can load from /media/thumbnail/:jobId. */
export interface DecodedImage {
  contentType: string;
  body: Buffer;
}

export function decodeDataUrl(dataUrl: string): DecodedImage | null {
  const match = /^data:([\w.+-]+\/[\w.+-]+)(;base64)?,(.*)$/s.exec(dataUrl);
  if (!match) return null;
  const [, contentType, base64, payload] = match;
  if (!contentType.startsWith('image/')) return null;
  const body = base64 ? Buffer.from(payload, 'base64') : Buffer.from(decodeURIComponent(payload), 'utf8');
  return { contentType, body };
}
