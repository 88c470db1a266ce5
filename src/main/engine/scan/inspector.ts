/**
 * Where photos are inspected (hashed, checked, metadata read): in this thread, or in a pool of
 * worker threads so a big backlog uses every core while the main thread keeps the library and
 * the network moving. The hashing step only sees this interface.
 */
import { inspectPhoto, type InspectedPhoto } from './inspect';
import type { FoundFile } from './walk';

export interface Inspector {
  inspect(file: FoundFile, signal: AbortSignal): Promise<InspectedPhoto>;
  /** How many files are worth having in flight at once (the scheduler claims about this many). */
  readonly slots: number;
  close(): Promise<void>;
}

/** Two files at a time per thread: while one waits for the disk, the other is hashed. */
export const SLOTS_PER_THREAD = 2;

export const inProcessInspector: Inspector = {
  inspect: (file, signal) => inspectPhoto(file, { signal }),
  slots: 2 * SLOTS_PER_THREAD,
  close: async () => undefined,
};
