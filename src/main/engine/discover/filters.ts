/**
 * Which found files a run leaves out on purpose (contract §1: `--include`/`--exclude` globs matched against the
 * path below the given folder, `--no-videos`, a taken-date range). Pure; picomatch does the glob matching.
 * Globs ignore case (cards write .JPG, exports .jpg) and a glob without a slash matches the file name in any
 * folder, as rclone's and .gitignore's do.
 */
import type { AfterUpload } from '../../../shared/api';
import picomatch from 'picomatch';
import { isOnCalendar, TAKEN_DATE_FORM } from '../../../shared/taken-date';
import { mediaKindByName } from '../metadata/media-types';
import type { RawJpegMode } from './pairs';

export interface ScanRules {
  /** Default true: videos are uploaded (contract §3). */
  videos?: boolean;
  include?: string[];
  exclude?: string[];
  /** Taken-date range, inclusive: "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM[:SS]", compared with the camera's clock. */
  takenFrom?: string;
  takenTo?: string;
  /** RAW+JPEG of one base name in one folder (contract §1 --raw-jpeg); default pair. */
  rawJpeg?: RawJpegMode;
  /** A file whose content changed since its upload (a re-export): replace (default) its album photo, add a new one, or skip it. */
  onChange?: OnChange;
  /** What happens to each file once its photo is verified in the album (--after-upload); absent: nothing changes. */
  afterUpload?: AfterUpload;
}

export type OnChange = 'replace' | 'new' | 'skip';
export const ON_CHANGE_MODES: readonly OnChange[] = ['replace', 'new', 'skip'];

/** Throws a message naming the option when a date of the range is not in the accepted form or not on the calendar. */
export function checkDate(value: string, option: string): string {
  if (!TAKEN_DATE_FORM.test(value)) throw new Error(`${option} "${value}" is not a date: give YYYY-MM-DD (or YYYY-MM-DDTHH:MM).`);
  if (!isOnCalendar(value)) throw new Error(`${option} "${value}" is no such day or time: give a real date as YYYY-MM-DD (or YYYY-MM-DDTHH:MM).`);
  return value;
}

/** Throws when --from is after --to: such a range would leave out every file. Compared as the bounds are, by their wall-clock prefix. */
export function checkRange(from: string | undefined, to: string | undefined): void {
  if (from === undefined || to === undefined) return;
  const length = Math.min(from.length, to.length);
  if (from.slice(0, length) > to.slice(0, length))
    throw new Error(`--from ${from} is after --to ${to}: no file could be taken in between. Give the earlier date to --from.`);
}

export interface CompiledRules {
  /** Decided from the path alone: leave it (filtered) or keep it. */
  keepsPath(relativePath: string): boolean;
  /** True when the range needs each file's taken date before it is queued. */
  readonly needsDates: boolean;
  keepsDate(takenAt: string | undefined, mtimeMs: number): boolean;
}

/** The wall-clock part of a taken_at, as long as the bound it is compared with. */
function wallClock(takenAt: string, length: number): string {
  return takenAt.replace(/(Z|[+-]\d{2}:\d{2})$/, '').slice(0, length);
}

/**
 * One matcher for a list of globs. Globs without a slash are matched against the name (picomatch's `basename`
 * option does that, but also stops `dir/**` from matching, so the two kinds are compiled apart).
 */
function globMatcher(globs: string[] | undefined): ((relativePath: string) => boolean) | null {
  if (!globs?.length) return null;
  const options = { nocase: true, dot: true } as const;
  const onName = globs.filter((g) => !g.includes('/'));
  const onPath = globs.filter((g) => g.includes('/'));
  const name = onName.length ? picomatch(onName, options) : () => false;
  const full = onPath.length ? picomatch(onPath, options) : () => false;
  return (relativePath) => full(relativePath) || name(relativePath.slice(relativePath.lastIndexOf('/') + 1));
}

export function compileRules(rules: ScanRules = {}): CompiledRules {
  const include = globMatcher(rules.include);
  const exclude = globMatcher(rules.exclude);
  const videos = rules.videos !== false;
  const { takenFrom: from, takenTo: to } = rules;
  return {
    keepsPath(relativePath) {
      if (!videos && mediaKindByName(relativePath) === 'video') return false;
      if (include && !include(relativePath)) return false;
      return !(exclude && exclude(relativePath));
    },
    needsDates: Boolean(from || to),
    keepsDate(takenAt, mtimeMs) {
      // Without a date in the file, its modification time (local) stands in, as a camera's copy keeps it.
      const when = takenAt ?? localIso(mtimeMs);
      if (from && wallClock(when, from.length) < from) return false;
      return !(to && wallClock(when, to.length) > to);
    },
  };
}

function localIso(ms: number): string {
  const d = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}
