/** What the main thread and the HEIC decode worker say to each other. */
export interface DecodeRequest {
  bytes: Uint8Array;
  /** The thumbnail's longer side, in pixels. */
  maxSide: number;
  /** JPEG quality, 1–100. */
  quality: number;
}

export type DecodeAnswer = { ok: true; jpeg: Uint8Array; width: number; height: number } | { ok: false; message: string };
