/**
 * `pixdrop upload --dry-run`: prints the plan — new, already in the album, paired, ignored and why, albums to
 * create, bytes to send — and sends nothing that changes anything (the engine is opened, not started: no
 * upload, no registration, no album is created). Exit 0; a file that could not be read is listed as a problem.
 */
import path from 'node:path';
import type { AfterUpload, UploadTarget } from '../../../shared/api';
import { openLibrary } from '../../engine/library/db';
import { finishedUploadAt } from '../../engine/library/replacements';
import { planUpload, type Plan } from '../../engine/commands/plan';
import { planCounts } from '../../engine/commands/plan-view';
import type { ScanRules } from '../../engine/discover/filters';
import { EXIT_OK } from '../exit';
import { formatBytes } from '../format';
import { failureLine, ignoredEvent, ignoredWording } from '../reporters';
import { loadConfig, startEngine } from '../setup';
import { checkAlbum } from './upload';

const line = (text: string) => process.stdout.write(`${text}\n`);

/** Where --after-upload would put a file: its folder structure below the path given, under the destination (a taken name gets a suffix then). */
export function wouldGo(after: AfterUpload | undefined, given: string[], file: string): { after_upload: 'move' | 'delete'; destination: string | null } | null {
  if (!after || after.action === 'keep') return null;
  if (after.action === 'delete') return { after_upload: 'delete', destination: null };
  const root = given.find((p) => file.startsWith(p + path.sep)) ?? path.dirname(file);
  return { after_upload: 'move', destination: path.join(after.dir, path.relative(root, file)) };
}

type Freeing = (file: string) => ReturnType<typeof wouldGo>;

function printJson(plan: Plan, freeing: Freeing): void {
  const emit = (event: Record<string, unknown>) => line(JSON.stringify(event));
  for (const f of plan.files) {
    emit({
      type: 'plan-file',
      path: f.path,
      action: f.action,
      album: f.album,
      bytes: f.bytes,
      ...(f.rawPath ? { raw_path: f.rawPath } : {}),
      ...(f.motionPath ? { motion_path: f.motionPath } : {}),
      ...freeing(f.path),
    });
  }
  for (const name of plan.albumsToCreate) emit({ type: 'plan-album', name, action: 'create' });
  for (const i of plan.ignored) emit(ignoredEvent(i));
  for (const p of plan.problems) emit({ type: 'file-failed', path: p.path, error: p.error });
  emit({ type: 'plan', dry_run: true, ...counts(plan, freeing) });
}

function counts(plan: Plan, freeing: Freeing) {
  const c = planCounts(plan);
  return {
    // A RAW or clip goes with its photo, and is counted as the real run counts it: one file freed more.
    freed: plan.files.filter((f) => freeing(f.path)).reduce((n, f) => n + 1 + (f.rawPath ? 1 : 0) + (f.motionPath ? 1 : 0), 0),
    new: c.new,
    already_there: c.alreadyThere,
    replaces: c.replaces,
    paired: c.paired,
    ignored: c.ignored,
    failed: c.failed,
    albums_to_create: c.albumsToCreate,
    bytes: c.bytes,
  };
}

function printPlain(plan: Plan, freeing: Freeing): void {
  for (const f of plan.files) {
    const along = [f.rawPath && `with its RAW ${f.rawPath}`, f.motionPath && `with its clip ${f.motionPath}`].filter(Boolean).join(', ');
    const linked = f.action === 'already-there' && f.bytes > 0 ? ', to be sent and linked' : '';
    // The words a run says of the same file (reporters.ts doneLine).
    const word = { new: 'new     ', 'already-there': 'already in the album:', replaces: 'replaces' }[f.action];
    line(`${word} ${f.path} → ${f.album}${along ? ` (${along}${linked})` : ''}`);
    const free = freeing(f.path);
    if (free)
      line(
        `  then   ${free.destination ? `moved to ${free.destination}` : 'deleted'}, once verified in the album${along ? ' (with its pair, if verified too)' : ''}`,
      );
  }
  for (const name of plan.albumsToCreate) line(`album    "${name}" would be created`);
  for (const i of plan.ignored) line(`ignored  ${i.path} (${ignoredWording(i)})`);
  for (const p of plan.problems) process.stderr.write(`failed   ${failureLine(p.path, p.error)}\n`);
  const c = counts(plan, freeing);
  line(
    `dry run: ${c.new} new, ${c.already_there} already in the album, ${c.replaces} replace their album photo, ${c.paired} paired, ${c.ignored} ignored, ${c.failed} unreadable; ` +
      `${c.albums_to_create} album(s) to create; ${formatBytes(c.bytes)} to send${c.freed ? `; ${c.freed} file(s) to free after upload. Nothing was sent, moved or deleted.` : '. Nothing was sent.'}`,
  );
}

const pathOrder = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);

/** The plan's lines in path order, as a run lists its folders' files (the scan gives them in the order folders were read). */
function byPath(plan: Plan): Plan {
  return { ...plan, files: [...plan.files].sort(pathOrder), ignored: [...plan.ignored].sort(pathOrder), problems: [...plan.problems].sort(pathOrder) };
}

export async function runDryRun(
  paths: string[],
  target: UploadTarget,
  rules: ScanRules,
  o: { json?: boolean; bwlimit?: string; concurrency?: string },
): Promise<number> {
  const config = loadConfig({ bwlimit: o.bwlimit, concurrency: o.concurrency });
  const { engine } = await startEngine(config, { start: false });
  try {
    await checkAlbum(engine, target);
  } catch (error) {
    await engine.stop();
    throw error;
  }
  // A second, read-only connection beside the engine's (WAL), as `pixdrop status` reads it.
  const library = openLibrary(config.dataDir, { readonly: true });
  try {
    const plan = byPath(await planUpload(engine, paths, target, rules, { known: (file, album) => finishedUploadAt(library, file, album) }));
    const freeing: Freeing = (file) => wouldGo(rules.afterUpload, paths, file);
    if (o.json) printJson(plan, freeing);
    else printPlain(plan, freeing);
    return EXIT_OK;
  } finally {
    library.close();
    await engine.stop();
  }
}
