/**
 * The `pixdrop` command (contract §1). Each command returns its exit code; usage and
 * configuration errors exit 2 with one line naming what is wrong and what to do.
 */
import { Command, CommanderError } from 'commander';
// `serve` (web server) is loaded when used, so the other commands don't carry it in memory.
import { runUpload, runWatch } from './commands/upload';
import { runAlbums, runRetry, runStatus } from './commands/queries';
import { EXIT_USAGE, exitOnEscapedError, reportFatal } from './exit';

/** Repeatable options: each occurrence adds one value. */
const collect = (value: string, previous: string[]) => [...previous, value];

function program(run: (work: () => Promise<number> | number) => void): Command {
  const cli = new Command('pixdrop')
    .description('Upload folders of photos to their albums, exactly once, with their EXIF.')
    .exitOverride()
    .configureOutput({
      // Usage errors as one line: what is wrong and, where commander knows it, the likely fix.
      writeErr: (text) => process.stderr.write(`pixdrop: ${text.replace(/^error: /, '').trim().replace(/\s*\n+\s*/g, ' ')}\n`),
    });
  const target = (c: Command) =>
    c
      .option('--album <album_id>', 'album to upload into (see `pixdrop albums`)')
      .option('--album-from-folder [mode]', 'an album per folder, created by name if missing: root (default: each folder given), leaf (each folder holding photos), path (named by the path below the given folder)')
      .option('--json', 'NDJSON events on stdout')
      .option('--bwlimit <bytes_per_second>', 'limit upload bandwidth (also PIXDROP_BWLIMIT)')
      .option('--no-videos', 'leave videos (MP4, MOV, M4V, 3GP, MTS/M2TS, AVI) out; they are uploaded by default')
      .option('--include <glob>', 'only files whose path below the given folder matches (repeatable)', collect, [])
      .option('--exclude <glob>', 'leave files whose path below the given folder matches (repeatable)', collect, [])
      .option('--from <date>', 'only files taken on or after this date (YYYY-MM-DD, camera time)')
      .option('--to <date>', 'only files taken on or before this date (YYYY-MM-DD, camera time)')
      .option('--on-change <mode>', 'a file changed since its upload (a re-export): replace its album photo in place (default), new, skip')
      .option('--dry-run', 'print the plan (new, already in the album, paired, ignored and why, albums to create, bytes) and send nothing')
      .option('--raw-jpeg <mode>', 'RAW+JPEG of one name in one folder: pair (one photo, RAW linked; default), both, jpeg, raw');
  target(cli.command('upload').argument('[path...]', 'files or folders').description('upload photos and wait until every one is done or failed')).action((paths, o) =>
    run(() => runUpload(paths, o)),
  );
  target(cli.command('watch').argument('[path...]', 'folders').description('upload, then keep watching the folders until Ctrl-C')).action((paths, o) =>
    run(() => runWatch(paths, o)),
  );
  cli
    .command('serve')
    .description('the engine and the full UI as a local web page')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free one)')
    .option('--open', 'open it in the browser')
    .action((o) => run(async () => (await import('./commands/serve')).runServe(o)));
  cli.command('status').description('queue summary from the local database (no network)').option('--json').action((o) => run(() => runStatus(o)));
  cli.command('albums').description('albums on the backend').option('--json').action((o) => run(() => runAlbums(o)));
  cli
    .command('retry')
    .description('put failed files back in the queue')
    .argument('[file-id...]')
    .option('--all', 'every failed file')
    .action((ids, o) => run(() => runRetry(ids, o)));
  return cli;
}

async function main(): Promise<void> {
  exitOnEscapedError();
  let pending: Promise<number> | null = null;
  const cli = program((work) => {
    pending = Promise.resolve().then(work);
  });
  try {
    await cli.parseAsync(process.argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exit(error.exitCode === 0 ? 0 : EXIT_USAGE);
    }
    process.exit(reportFatal(error));
  }
  if (!pending) return;
  try {
    process.exitCode = await pending;
  } catch (error) {
    process.exitCode = reportFatal(error);
  }
  // Lingering sockets or timers must not keep a finished command alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
}

void main();
