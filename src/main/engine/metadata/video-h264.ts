/**
 * What an H.264 stream itself says: the picture size from its sequence parameter set, and the camera's
 * MDPM block (Sony/Panasonic/Canon AVCHD: recording date with time zone, make, model) from its SEI user data.
 * Pure: works on the stream bytes gathered from the transport stream's packets.
 */

/** Drops the emulation-prevention bytes (00 00 03 → 00 00) of a NAL unit. */
function unescapeNal(bytes: Buffer): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i += 1) {
    if (i >= 2 && bytes[i] === 3 && bytes[i - 1] === 0 && bytes[i - 2] === 0) continue;
    out.push(bytes[i]!);
  }
  return Buffer.from(out);
}

class BitReader {
  private bit = 0;
  constructor(private readonly bytes: Buffer) {}
  flag(): boolean {
    return this.bits(1) === 1;
  }
  bits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i += 1) {
      const byte = this.bytes[this.bit >> 3];
      if (byte === undefined) throw new RangeError('end of SPS');
      value = value * 2 + ((byte >> (7 - (this.bit & 7))) & 1);
      this.bit += 1;
    }
    return value;
  }
  /** Exp-Golomb unsigned. */
  ue(): number {
    let zeros = 0;
    while (!this.flag()) zeros += 1;
    return 2 ** zeros - 1 + this.bits(zeros);
  }
  se(): number {
    const code = this.ue();
    return code % 2 === 1 ? (code + 1) / 2 : -code / 2;
  }
}

const HIGH_PROFILES = new Set([100, 110, 122, 244, 44, 83, 86, 118, 128, 138, 139, 134, 135]);

/** Width and height (cropped) from an SPS NAL payload (after its one-byte header); null when it uses scaling matrices. */
export function spsPictureSize(nal: Buffer): { width: number; height: number } | null {
  try {
    const r = new BitReader(unescapeNal(nal));
    const profile = r.bits(8);
    r.bits(16); // constraint flags, level
    r.ue(); // seq_parameter_set_id
    let chromaFormat = 1;
    if (HIGH_PROFILES.has(profile)) {
      chromaFormat = r.ue();
      if (chromaFormat === 3) r.flag();
      r.ue();
      r.ue();
      r.flag();
      if (r.flag()) return null; // seq_scaling_matrix_present: not needed by the cameras seen so far
    }
    r.ue(); // log2_max_frame_num
    const pocType = r.ue();
    if (pocType === 0) r.ue();
    else if (pocType === 1) {
      r.flag();
      r.se();
      r.se();
      const cycle = r.ue();
      for (let i = 0; i < cycle; i += 1) r.se();
    }
    r.ue(); // max_num_ref_frames
    r.flag();
    const widthInMbs = r.ue() + 1;
    const heightInMapUnits = r.ue() + 1;
    const frameMbsOnly = r.flag() ? 1 : 0;
    if (!frameMbsOnly) r.flag();
    r.flag(); // direct_8x8_inference
    const crop = r.flag() ? [r.ue(), r.ue(), r.ue(), r.ue()] : [0, 0, 0, 0];
    const cropX = chromaFormat === 0 || chromaFormat === 3 ? 1 : 2;
    const cropY = (chromaFormat === 1 ? 2 : 1) * (2 - frameMbsOnly);
    return {
      width: widthInMbs * 16 - cropX * (crop[0]! + crop[1]!),
      height: (2 - frameMbsOnly) * heightInMapUnits * 16 - cropY * (crop[2]! + crop[3]!),
    };
  } catch {
    return null;
  }
}

const MDPM_SIGNATURE = Buffer.from('17ee8c60f84d11d98cd60800200c9a664d44504d', 'hex');
/** exiftool's names for the MDPM make codes. */
const MAKES: Record<number, string> = { 0x0103: 'Panasonic', 0x0108: 'Sony', 0x1011: 'Canon', 0x1104: 'JVC' };

export interface CameraBlock {
  dateTimeOriginal?: string;
  make?: string;
  model?: string;
}

const bcd = (byte: number) => byte.toString(16).padStart(2, '0');

function mdpmDate(date: Buffer, time: Buffer): string {
  const tz = date[0]!;
  const zone = `${tz & 0x20 ? '-' : '+'}${String((tz >> 1) & 0x0f).padStart(2, '0')}:${tz & 0x01 ? '30' : '00'}`;
  return `${bcd(date[1]!)}${bcd(date[2]!)}-${bcd(date[3]!)}-${bcd(time[0]!)}T${bcd(time[1]!)}:${bcd(time[2]!)}:${bcd(time[3]!)}${tz === 0xff ? '' : zone}`;
}

/** The MDPM block of the first SEI that has one, in stream bytes. */
export function readCameraBlock(stream: Buffer): CameraBlock {
  const at = stream.indexOf(MDPM_SIGNATURE);
  if (at < 0) return {};
  const body = unescapeNal(stream.subarray(at + MDPM_SIGNATURE.length, at + MDPM_SIGNATURE.length + 1 + 5 * 256));
  const entries = new Map<number, Buffer>();
  for (let i = 0, offset = 1; i < body[0]! && offset + 5 <= body.length; i += 1, offset += 5) entries.set(body[offset]!, body.subarray(offset + 1, offset + 5));
  const block: CameraBlock = {};
  const date = entries.get(0x18);
  const time = entries.get(0x19);
  if (date && time && /^\d+$/.test(bcd(date[1]!) + bcd(date[2]!) + bcd(time[0]!))) block.dateTimeOriginal = mdpmDate(date, time);
  const makeModel = entries.get(0xe0);
  if (makeModel) block.make = MAKES[makeModel.readUInt16BE(0)];
  if (block.make === 'Sony') {
    const model = Buffer.concat([0xe4, 0xe5, 0xe6].map((tag) => entries.get(tag) ?? Buffer.alloc(0)));
    block.model = model.toString('latin1').replace(/\0.*$/s, '').trim() || undefined;
  }
  return block;
}

/** The first SPS NAL (type 7) in stream bytes: its payload after the NAL header. */
export function findSps(stream: Buffer): Buffer | null {
  for (let at = stream.indexOf(Buffer.from([0, 0, 1])); at >= 0; at = stream.indexOf(Buffer.from([0, 0, 1]), at + 3)) {
    if ((stream[at + 3]! & 0x1f) === 7) return stream.subarray(at + 4, at + 4 + 256);
  }
  return null;
}
