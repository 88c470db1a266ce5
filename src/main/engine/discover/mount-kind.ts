/**
 * Whether a folder lives on a network or FUSE file system. Files another machine writes onto an
 * SMB/NFS share (or that a FUSE daemon makes appear) raise no file events on this machine, so such
 * folders are watched by polling. Linux only: statfs's `type` is the kernel's magic number there;
 * elsewhere its values are not comparable and folders count as local (the periodic rescan still
 * finds what events miss).
 */
import { statfs } from 'node:fs/promises';

/** statfs f_type magic numbers (linux/magic.h and the file systems' own headers). */
export const NETWORK_FS_TYPES: ReadonlyMap<number, string> = new Map([
  [0x6969, 'NFS'],
  [0x517b, 'SMB'],
  [0xff534d42, 'SMB/CIFS'],
  [0xfe534d42, 'SMB2'],
  [0x65735546, 'FUSE'],
  [0x5346414f, 'AFS'],
  [0x6b414653, 'AFS'],
  [0x73757245, 'Coda'],
  [0x564c, 'NCP'],
  [0x01021997, '9P'],
  [0x00c36400, 'Ceph'],
  [0x0bd00bd0, 'Lustre'],
  [0x47504653, 'GPFS'],
  [0x01161970, 'GFS2'],
  [0x7461636f, 'OCFS2'],
]);

/** Pure: the network/FUSE file system of a statfs type, or null for a local one. */
export function networkFsOf(type: number | bigint): string | null {
  return NETWORK_FS_TYPES.get(Number(BigInt.asUintN(32, BigInt(type)))) ?? null;
}

/** The folder's network/FUSE file system, or null when local or unknown (statfs failed, not Linux). */
export async function networkFsAt(folder: string, platform: NodeJS.Platform = process.platform): Promise<string | null> {
  if (platform !== 'linux') return null;
  try {
    return networkFsOf((await statfs(folder)).type);
  } catch {
    return null;
  }
}
