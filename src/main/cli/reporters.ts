/**
 * What `upload`/`watch` print. Three forms (contract §1): NDJSON with --json; on a TTY a live
 * overall bar (bytes, speed, ETA) with one line per active file and a final table; otherwise
 * one line per finished file.
 */
import type { EngineStatus, IgnoredEntry, JobView } from '../../shared/api';
import type { ErrorView } from '../../shared/errors';
import type { IgnoredReason } from '../engine/metadata/media-types';
import { photoTypeByExtension } from '../engine/metadata/photo-types';
import { bar, formatBytes, formatDuration, formatElapsed, truncateMiddle } from './format';

export interface RunSummary {
  uploaded: number;
  skipped: number;
  failed: number;
  bytes: number;
  seconds: number;
  /** Files found and not uploaded (each reported with its reason). */
  ignored: number;
  /** Files of this run taken out of the queue (`pixdrop cancel`, the app) before they reached their album. */
  cancelled: number;
  /** Of `uploaded`: re-exports sent in place of their album photo (--on-change replace). */
  replaced: number;
  /** Of `uploaded`: photos already in their album whose RAW or clip alone was sent and linked to them. */
  linked: number;
  /** Files moved or deleted after their photo was verified in the album (--after-upload); absent without it. */
  freed?: number;
}

/** What each reason means to the person reading the CLI's line. */
export const IGNORED_WORDING: Record<IgnoredReason, string> = {
  unsupported: 'not a photo or video type PixDrop uploads',
  filtered: 'left out by --include/--exclude/--no-videos/--from/--to',
  junk: 'system or temporary file',
  sidecar: 'sidecar: its title, keywords and date go with its photo',
  paired: 'the other half of a RAW+JPEG pair: --raw-jpeg jpeg or raw uploads only one of the two',
};

/** The `file-ignored` event of contract §1; a symbolic link leading outside the folder says where (`link_to`). */
export function ignoredEvent(file: IgnoredEntry): Record<string, unknown> {
  return { type: 'file-ignored', path: file.path, reason: file.reason, ...(file.linkTo ? { link_to: file.linkTo } : {}) };
}

/**
 * The reason said for one file. A file left out as `paired` is the half of a RAW+JPEG pair that --raw-jpeg jpeg
 * or raw does not upload (with pair, the RAW goes along with its JPEG and is not left out): said as which half.
 */
export function ignoredWording({ path, reason, linkTo }: IgnoredEntry): string {
  if (linkTo) return `a symbolic link to ${linkTo}, outside the folder: links are not followed, nothing outside a chosen folder is uploaded`;
  if (reason !== 'paired') return IGNORED_WORDING[reason];
  return photoTypeByExtension(path)?.raw
    ? 'a RAW beside its JPEG: --raw-jpeg jpeg uploads only the JPEG of a pair'
    : 'a JPEG beside its RAW: --raw-jpeg raw uploads only the RAW of a pair';
}

export type Outcome = 'uploaded' | 'skipped' | 'failed' | 'cancelled' | 'replaced' | 'linked';

/** What a job's RAW or clip is called in a line: "RAW a.CR2", "clip a.MOV", or both. */
export function companionWords(companions: { raw?: string; motion?: string } | undefined): string {
  const words = [companions?.raw ? `RAW ${companions.raw}` : null, companions?.motion ? `clip ${companions.motion}` : null].filter(Boolean);
  return words.length > 0 ? words.join(' and ') : 'its RAW or clip';
}

/** The line of a finished file that is neither failed nor cancelled; the same words for upload and watch. */
export function doneLine(job: JobView, outcome: Outcome, linked?: { raw?: string; motion?: string }): string {
  if (outcome === 'replaced') return `replaced ${job.path}`;
  if (outcome === 'linked') return `linked ${companionWords(linked ?? job.pair)} to ${job.path}`;
  return `${outcome === 'uploaded' ? 'uploaded' : 'already in the album:'} ${job.path}`;
}

export interface Reporter {
  scanned(queued: number, alreadyThere: number): void;
  /** `linked`: the RAW and/or clip that were sent and linked, when the outcome is `linked`. */
  finished(job: JobView, outcome: Outcome, linked?: { raw?: string; motion?: string }): void;
  problem(path: string, error: ErrorView): void;
  ignored(file: IgnoredEntry): void;
  progress(status: EngineStatus, active: JobView[]): void;
  notice(message: string): void;
  /** --after-upload moved or deleted a file. */
  freed(path: string, action: 'move' | 'delete', destination: string | null): void;
  summary(summary: RunSummary): void;
}

const line = (stream: NodeJS.WriteStream, text: string) => stream.write(`${text}\n`);

/** A failure always names its file: a server's refusal says nothing about which photo it was. */
export function failureLine(path: string, error: ErrorView | null | undefined): string {
  const message = error?.message ?? 'failed for an unknown reason; see the log in the data dir.';
  // A message that names the file already is not preceded by it again.
  return `${message.includes(path) ? '' : `${path}: `}[${error?.code ?? 'UNKNOWN'}] ${message}`;
}

/**
 * Piped, there is no live line to show [offline]: a wait for the servers is said once when it starts, and its
 * end once. What waits is saved: Ctrl-C loses nothing.
 */
function connectionLine(status: EngineStatus, last: { state: string }): string | null {
  const state = status.connection.state;
  if (state === last.state) return null;
  const was = last.state;
  last.state = state;
  if (state === 'offline')
    return 'waiting: the album backend or Cloudinary cannot be reached (no network, or the server is down); the upload goes on by itself once it is back. Ctrl-C stops it, progress saved.';
  if (state === 'online' && was === 'offline') return 'back online: uploading again.';
  return null;
}

/**
 * A replacement and a link are uploads (bytes went to Cloudinary, the album changed): `file-uploaded`, as the
 * contract's summary counts them, with `work` saying which.
 */
const doneEvent = (outcome: Exclude<Outcome, 'failed' | 'cancelled'>) => (outcome === 'skipped' ? 'file-skipped' : 'file-uploaded');

export function jsonReporter(out: NodeJS.WriteStream = process.stdout): Reporter {
  const emit = (event: Record<string, unknown>) => line(out, JSON.stringify(event));
  let lastProgress = 0;
  return {
    scanned: (queued, alreadyThere) => emit({ type: 'scan-finished', queued, already_there: alreadyThere }),
    finished: (job, outcome, linked) =>
      outcome === 'failed'
        ? emit({ type: 'file-failed', path: job.path, id: job.id, error: job.error })
        : outcome === 'cancelled'
          ? emit({ type: 'file-cancelled', path: job.path, id: job.id })
          : emit({
              type: doneEvent(outcome),
              path: job.path,
              id: job.id,
              bytes: job.bytesTotal,
              public_id: job.publicId,
              image_id: job.imageId,
              ...(outcome === 'replaced' || outcome === 'linked' ? { work: outcome } : {}),
              ...(outcome === 'linked' ? { raw: (linked ?? job.pair)?.raw ?? null, motion: (linked ?? job.pair)?.motion ?? null } : {}),
            }),
    problem: (path, error) => emit({ type: 'file-failed', path, error }),
    ignored: (file) => emit(ignoredEvent(file)),
    progress(status) {
      const now = Date.now();
      if (now - lastProgress < 1000) return;
      lastProgress = now;
      const q = status.queue;
      emit({
        type: 'progress',
        bytes_done: q.bytesDone,
        bytes_total: q.bytesTotal,
        bytes_per_second: q.bytesPerSecond,
        eta_seconds: q.etaSeconds,
        scanning: q.scanning,
        connection: status.connection.state,
        concurrency: q.concurrency,
      });
    },
    notice: (message) => emit({ type: 'notice', message }),
    freed: (path, action, destination) => emit({ type: 'file-freed', path, action, destination }),
    summary: (s) => emit({ type: 'summary', ...s }),
  };
}

export function plainReporter(out: NodeJS.WriteStream = process.stdout, err: NodeJS.WriteStream = process.stderr): Reporter {
  const connection = { state: 'online' };
  return {
    scanned: (queued, alreadyThere) => line(out, `queued ${queued} photo(s)${alreadyThere ? `, ${alreadyThere} already in the album` : ''}`),
    finished(job, outcome, linked) {
      if (outcome === 'failed') line(err, `failed   ${failureLine(job.path, job.error)}`);
      else if (outcome === 'cancelled') line(out, `cancelled ${job.path}`);
      else line(out, doneLine(job, outcome, linked));
    },
    problem: (path, error) => line(err, `failed   ${failureLine(path, error)}`),
    ignored: (file) => line(out, `ignored  ${file.path} (${ignoredWording(file)})`),
    progress(status) {
      const said = connectionLine(status, connection);
      if (said) line(err, said);
    },
    notice: (message) => line(err, message),
    freed: (path, action, destination) => line(out, freedLine(path, action, destination)),
    summary: (s) =>
      line(
        out,
        `done: ${s.uploaded} uploaded${pairWorkCount(s)}, ${s.skipped} already in the album, ${s.failed} failed, ${s.ignored} ignored${cancelledCount(s)}${freedCount(s)}, ${formatBytes(s.bytes)} in ${formatElapsed(s.seconds)}`,
      ),
  };
}

export function freedLine(path: string, action: 'move' | 'delete', destination: string | null): string {
  return action === 'move' ? `moved    ${path} → ${destination}` : `deleted  ${path} (verified in the album)`;
}

/** " (1 replaced, 2 RAW/clip linked)": what part of the uploads were replacements and links. */
const pairWorkCount = (s: RunSummary) => {
  const parts = [s.replaced > 0 ? `${s.replaced} replaced` : null, s.linked > 0 ? `${s.linked} RAW/clip linked` : null].filter(Boolean);
  return parts.length > 0 ? ` (${parts.join(', ')})` : '';
};

const cancelledCount = (s: RunSummary) => (s.cancelled > 0 ? `, ${s.cancelled} cancelled` : '');

const freedCount = (s: RunSummary) => (s.freed === undefined ? '' : `, ${s.freed} freed from the card`);

/** The live block: the overall bar, then one line per active file. */
function progressRows(status: EngineStatus, active: JobView[], width: number): string[] {
  const q = status.queue;
  const fraction = q.bytesTotal > 0 ? q.bytesDone / q.bytesTotal : 0;
  const shown = q.scanning ? Math.min(fraction, 0.99) : fraction;
  const state = status.connection.state === 'online' ? '' : `  [${status.connection.state}]`;
  return [
    `${bar(shown, 30)} ${(shown * 100).toFixed(0).padStart(3)}%  ${formatBytes(q.bytesDone)} / ${formatBytes(q.bytesTotal)}  ${formatBytes(q.bytesPerSecond)}/s  ETA ${formatDuration(q.etaSeconds)}${state}`,
    ...active.slice(0, 8).map((j) => `  ↑ ${truncateMiddle(j.relativePath, width - 16)} ${j.bytesTotal ? Math.floor((j.bytesDone / j.bytesTotal) * 100) : 0}%`),
  ];
}

/** Live view: redraws a block at the bottom; finished files scroll above it. */
export function ttyReporter(out: NodeJS.WriteStream = process.stdout): Reporter {
  let drawn = 0;
  let lastDraw = 0;
  const failures: string[] = [];
  const clear = () => {
    if (drawn > 0) out.write(`\x1b[${drawn}A\x1b[0J`);
    drawn = 0;
  };
  const above = (text: string) => {
    clear();
    line(out, text);
  };
  return {
    scanned: (queued, alreadyThere) => above(`Queued ${queued} photo(s)${alreadyThere ? ` (${alreadyThere} already in the album)` : ''}.`),
    finished(job, outcome, linked) {
      if (outcome === 'failed') {
        failures.push(failureLine(job.path, job.error));
        above(`\x1b[31m✗\x1b[0m ${job.relativePath} — ${job.error?.message}`);
      } else if (outcome === 'cancelled') above(`- ${job.relativePath} — cancelled`);
      else if (outcome === 'replaced') above(`\x1b[32m✓\x1b[0m ${job.relativePath} — replaced`);
      else if (outcome === 'linked') above(`\x1b[32m✓\x1b[0m ${job.relativePath} — linked ${companionWords(linked ?? job.pair)}`);
      else above(`${outcome === 'uploaded' ? '\x1b[32m✓\x1b[0m' : '='} ${job.relativePath}`);
    },
    problem: (path, error) => {
      failures.push(failureLine(path, error));
      above(`\x1b[31m✗\x1b[0m ${path} — ${error.message}`);
    },
    ignored: (file) => above(`- ${file.path} — ignored: ${ignoredWording(file)}`),
    progress(status, active) {
      const now = Date.now();
      if (now - lastDraw < 100) return;
      lastDraw = now;
      const rows = progressRows(status, active, Math.max(40, Math.min(out.columns ?? 80, 120)));
      clear();
      rows.forEach((r) => line(out, r));
      drawn = rows.length;
    },
    notice: (message) => above(message),
    freed: (path, action, destination) => above(freedLine(path, action, destination)),
    summary(s) {
      clear();
      line(out, '');
      line(out, `  uploaded              ${s.uploaded}`);
      if (s.replaced > 0) line(out, `    of which replaced   ${s.replaced}   (re-exports, album photo updated in place)`);
      if (s.linked > 0) line(out, `    of which linked     ${s.linked}   (a RAW/clip sent and linked to a photo already in the album)`);
      line(out, `  already in the album  ${s.skipped}`);
      line(out, `  failed                ${s.failed}`);
      line(out, `  ignored               ${s.ignored}   (found, not uploaded: listed above)`);
      if (s.cancelled > 0) line(out, `  cancelled             ${s.cancelled}   (taken out of the queue; added again, they upload)`);
      if (s.freed !== undefined) line(out, `  freed from the card   ${s.freed}   (moved or deleted once verified in the album)`);
      line(out, `  sent                  ${formatBytes(s.bytes)} in ${formatElapsed(s.seconds)}`);
      if (failures.length > 0) {
        line(out, '\nFailed files (fix them, then run `pixdrop retry --all`):');
        failures.forEach((f) => line(out, `  ${f}`));
      }
    },
  };
}

export function pickReporter(json: boolean): Reporter {
  if (json) return jsonReporter();
  return process.stdout.isTTY ? ttyReporter() : plainReporter();
}
