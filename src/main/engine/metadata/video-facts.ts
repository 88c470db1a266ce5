/**
 * What a video's container says, and how it becomes contract §5 metadatas. Pure.
 * taken_at: Apple's CreationDate (local time with its offset) when present; else a camera's own recording date
 * (AVCHD, AVI: local, no offset); else QuickTime's CreateDate, which is UTC by the QuickTime specification.
 */
import type { Metadatas } from '../../../shared/metadata';
import { decimal, xmpDateTime } from './metadata-values';

export interface VideoFacts {
  /** mvhd creation time, already as "…Z". */
  createDate?: string;
  /** Apple's com.apple.quicktime.creationdate, as stored ("2019-07-24T11:25:40+0300"). */
  creationDate?: string;
  /** A camera's recording date in its own clock: AVCHD MDPM (with offset), AVI IDIT (without). */
  dateTimeOriginal?: string;
  /** Seconds. */
  duration?: number;
  width?: number;
  height?: number;
  /** Degrees clockwise the picture is to be turned for display. */
  rotation?: number;
  gps?: { latitude: number; longitude: number };
  make?: string;
  model?: string;
}

/** QuickTime's Rotation as the EXIF orientation that shows the picture the same way. */
const ORIENTATION_BY_ROTATION: Record<number, string> = { 0: '1', 90: '6', 180: '3', 270: '8' };

function videoTakenAt(facts: VideoFacts): string | undefined {
  return xmpDateTime(facts.creationDate) ?? facts.dateTimeOriginal ?? facts.createDate;
}

function positive(value: number | undefined): string | undefined {
  return value !== undefined && Number.isFinite(value) && value > 0 ? decimal(value) : undefined;
}

export interface VideoFileFacts {
  filename: string;
  relativePath: string;
  sha1: string;
  size: number;
  mimeType: string;
}

export function videoMetadatas(facts: VideoFacts, file: VideoFileFacts): Metadatas {
  const all: Metadatas = {
    filename: file.filename,
    relative_path: file.relativePath,
    sha1: file.sha1,
    file_size: String(file.size),
    mime_type: file.mimeType,
    taken_at: videoTakenAt(facts),
    camera_make: facts.make?.trim() || undefined,
    camera_model: facts.model?.trim() || undefined,
    duration: positive(facts.duration),
    width: positive(facts.width),
    height: positive(facts.height),
    orientation: facts.rotation === undefined ? undefined : ORIENTATION_BY_ROTATION[facts.rotation],
    gps_latitude: facts.gps ? String(facts.gps.latitude) : undefined,
    gps_longitude: facts.gps ? String(facts.gps.longitude) : undefined,
  };
  return Object.fromEntries(Object.entries(all).filter(([, value]) => value !== undefined)) as Metadatas;
}
