/**
 * `pixdrop upload --dry-run`: prints the plan — new, already in the album, paired, ignored and why, albums to
 * create, bytes to send — and sends nothing that changes anything (the engine is opened, not started: no
 * upload, no registration, no album is created). Exit 0; a file that could not be read is listed as a problem.
 */
import type { UploadTarget } from '../../../shared/api';
import { openLibrary } from '../../engine/library/db';
import { finishedUploadAt } from '../../engine/library/replacements';
import { planUpload, type Plan } from '../../engine/commands/plan';
import { planCounts } from '../../engine/commands/plan-view';
import type { ScanRules } from '../../engine/discover/filters';
import { EXIT_OK } from '../exit';
import { formatBytes } from '../format';
import { failureLine, IGNORED_WORDING } from '../reporters';
import { loadConfig, startEngine } from '../setup';

const line = (text: string) => process.stdout.write(`${text}\n`);

function printJson(plan: Plan): void {
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
    });
  }
  for (const name of plan.albumsToCreate) emit({ type: 'plan-album', name, action: 'create' });
  for (const i of plan.ignored) emit({ type: 'file-ignored', path: i.path, reason: i.reason });
  for (const p of plan.problems) emit({ type: 'file-failed', path: p.path, error: p.error });
  emit({ type: 'plan', dry_run: true, ...counts(plan) });
}

function counts(plan: Plan) {
  const c = planCounts(plan);
  return {
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

function printPlain(plan: Plan): void {
  for (const f of plan.files) {
    const along = [f.rawPath && `with its RAW ${f.rawPath}`, f.motionPath && `with its clip ${f.motionPath}`].filter(Boolean).join(', ');
    const word = { new: 'new     ', 'already-there': 'in album', replaces: 'replaces' }[f.action];
    line(`${word} ${f.path} → ${f.album}${along ? ` (${along})` : ''}`);
  }
  for (const name of plan.albumsToCreate) line(`album    "${name}" would be created`);
  for (const i of plan.ignored) line(`ignored  ${i.path} (${IGNORED_WORDING[i.reason]})`);
  for (const p of plan.problems) process.stderr.write(`failed   ${failureLine(p.path, p.error)}\n`);
  const c = counts(plan);
  line(
    `dry run: ${c.new} new, ${c.already_there} already in the album, ${c.replaces} replace their album photo, ${c.paired} paired, ${c.ignored} ignored, ${c.failed} unreadable; ` +
      `${c.albums_to_create} album(s) to create; ${formatBytes(c.bytes)} to send. Nothing was sent.`,
  );
}

export async function runDryRun(
  paths: string[],
  target: UploadTarget,
  rules: ScanRules,
  o: { json?: boolean; bwlimit?: string; concurrency?: string },
): Promise<number> {
  const config = loadConfig({ bwlimit: o.bwlimit, concurrency: o.concurrency });
  const { engine } = await startEngine(config, { start: false });
  // A second, read-only connection beside the engine's (WAL), as `pixdrop status` reads it.
  const library = openLibrary(config.dataDir, { readonly: true });
  try {
    const plan = await planUpload(engine, paths, target, rules, { known: (file, album) => finishedUploadAt(library, file, album) });
    if (o.json) printJson(plan);
    else printPlain(plan);
    return EXIT_OK;
  } finally {
    library.close();
    await engine.stop();
  }
}
