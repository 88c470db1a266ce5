/**
 * MPEG transport streams (AVCHD .MTS/.M2TS with 192-byte packets, plain .TS with 188): the duration from the
 * first and last program clock reference, and what the H.264 stream in the first packets says (size, camera).
 */
import { readAt, type PhotoBytes } from '../read/photo-bytes';
import { findSps, readCameraBlock, spsPictureSize } from './video-h264';
import type { VideoFacts } from './video-facts';

const SYNC = 0x47;
/** Enough of the start to hold the first SPS and SEI; enough of the end to hold a last PCR. */
const HEAD_BYTES = 2 * 1024 * 1024;
const TAIL_BYTES = 512 * 1024;

/** 192 for M2TS (4-byte time code before each packet), 188 for TS, null when neither. */
export function packetLayout(head: Buffer): { size: number; skip: number } | null {
  if (head.length >= 392 && head[4] === SYNC && head[196] === SYNC && head[388] === SYNC) return { size: 192, skip: 4 };
  if (head.length >= 377 && head[0] === SYNC && head[188] === SYNC && head[376] === SYNC) return { size: 188, skip: 0 };
  return null;
}

interface Packet {
  pid: number;
  pcr?: number;
  payload: Buffer;
}

function parsePacket(bytes: Buffer): Packet | null {
  if (bytes[0] !== SYNC || bytes.length < 188) return null;
  const pid = ((bytes[1]! & 0x1f) << 8) | bytes[2]!;
  const control = (bytes[3]! >> 4) & 3;
  let offset = 4;
  let pcr: number | undefined;
  if (control & 2) {
    const length = bytes[4]!;
    if (length > 0 && bytes[5]! & 0x10 && length >= 7) {
      const base = bytes[6]! * 2 ** 25 + bytes[7]! * 2 ** 17 + bytes[8]! * 2 ** 9 + bytes[9]! * 2 + (bytes[10]! >> 7);
      pcr = base * 300 + ((bytes[10]! & 1) << 8) + bytes[11]!;
    }
    offset = 5 + length;
  }
  return { pid, pcr, payload: control & 1 && offset < 188 ? bytes.subarray(offset, 188) : Buffer.alloc(0) };
}

function packetsOf(buffer: Buffer, layout: { size: number; skip: number }, from = 0): Packet[] {
  const packets: Packet[] = [];
  for (let at = from; at + layout.size <= buffer.length; at += layout.size) {
    const packet = parsePacket(buffer.subarray(at + layout.skip, at + layout.skip + 188));
    if (packet) packets.push(packet);
  }
  return packets;
}

export async function readTransportStreamFacts(photo: PhotoBytes): Promise<VideoFacts> {
  const facts: VideoFacts = {};
  const layout = packetLayout(photo.head);
  if (!layout) return facts;
  const head = await readAt(photo, 0, HEAD_BYTES);
  const first = packetsOf(head, layout).find((p) => p.pcr !== undefined);
  // The tail read starts on a packet boundary, counted from the start of the file.
  const tailStart = Math.max(0, Math.floor((photo.size - TAIL_BYTES) / layout.size) * layout.size);
  const last = packetsOf(await readAt(photo, tailStart, TAIL_BYTES), layout)
    .filter((p) => p.pcr !== undefined && p.pid === first?.pid)
    .pop();
  if (first?.pcr !== undefined && last?.pcr !== undefined && last.pcr > first.pcr) facts.duration = (last.pcr - first.pcr) / 27e6;
  const streams = new Map<number, Buffer[]>();
  for (const packet of packetsOf(head, layout)) (streams.get(packet.pid) ?? streams.set(packet.pid, []).get(packet.pid)!).push(packet.payload);
  for (const pieces of streams.values()) {
    const stream = Buffer.concat(pieces);
    const sps = findSps(stream);
    const size = sps ? spsPictureSize(sps) : null;
    if (!size) continue;
    Object.assign(facts, { width: size.width, height: size.height }, readCameraBlock(stream));
    break;
  }
  return facts;
}
