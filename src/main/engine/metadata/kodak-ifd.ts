/**
 * Kodak professional backs (ProBack, DCS) write the ISO only as a line of text, "ISO:  100", in the TextualInfo
 * entry (0x03f1) of a KodakIFD that IFD0 points to (tag 0x8290): exiftool's Kodak::TextualInfo. Pure.
 */
import { integers, readIfd, tiffStart, u32 } from './tiff-ifd';

const KODAK_IFD = 0x8290;
const TEXTUAL_INFO = 0x03f1;

/** "Key: value" lines up to the first NUL, as exiftool's ProcessKodakText splits them. */
function textualInfo(tiff: Buffer, littleEndian: boolean, kodakAt: number): Map<string, string> | undefined {
  const kodak = readIfd(tiff, kodakAt, littleEndian, 0);
  const entry = kodak?.entries.get(TEXTUAL_INFO);
  if (!entry) return undefined;
  const text = tiff.toString('latin1', entry.valueAt, entry.valueAt + entry.count).replace(/\0[^]*$/, '');
  const lines = new Map<string, string>();
  for (const line of text.split(/[\n\r]+/)) {
    const match = /(.*?):\s*(.*)/.exec(line);
    if (match) lines.set(match[1]!, match[2]!);
  }
  return lines;
}

/** The TextualInfo ISO ("ISO" or "ISO Speed") of a JPEG or TIFF with a KodakIFD; undefined without one. */
export function kodakTextIso(input: Buffer): number | undefined {
  const start = tiffStart(input);
  if (start === undefined) return undefined;
  const tiff = input.subarray(start);
  const littleEndian = tiff[0] === 0x49;
  const ifd0 = readIfd(tiff, u32(tiff, 4, littleEndian) ?? 0, littleEndian, 0);
  const kodakAt = ifd0 && integers(ifd0, KODAK_IFD)?.[0];
  const lines = kodakAt ? textualInfo(tiff, littleEndian, kodakAt) : undefined;
  const iso = Number(lines?.get('ISO') ?? lines?.get('ISO Speed'));
  return Number.isFinite(iso) && iso > 0 ? iso : undefined;
}
