/** The `pixdrop` commands and their options (contract §1); completion scripts are generated from this too. */
import { Argument, Command, Option } from 'commander';
// `serve` (web server), `doctor`, `bwlimit`, the watch list and completion are loaded when used,
// so an upload does not carry them in memory.
import { runAlbums, runCancel, runRetry, runStatus } from './commands/queries';
import { runUpload, runWatch } from './commands/upload';
import { EXIT_OK } from './exit';
import { PIXDROP_VERSION } from './version';

/** Repeatable options: each occurrence adds one value. */
const collect = (value: string, previous: string[]) => [...previous, value];

export function program(run: (work: () => Promise<number> | number) => void): Command {
  const cli = new Command('pixdrop')
    .description('Upload folders of photos to their albums, exactly once, with their EXIF.')
    .version(PIXDROP_VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      // Usage errors as one line: what is wrong and, where commander knows it, the likely fix (help keeps its lines).
      outputError: (text, write) =>
        write(
          `pixdrop: ${text
            .replace(/^error: /, '')
            .trim()
            .replace(/\s*\n+\s*/g, ' ')}\n`,
        ),
    });
  const target = (c: Command, o: { dryRun: boolean }) =>
    c
      .option('--album <album_id>', 'album to upload into (see `pixdrop albums`)')
      .option(
        '--album-from-folder [mode]',
        'an album per folder, created by name if missing: root (default: each folder given), leaf (each folder holding photos), path (named by the path below the given folder)',
      )
      .option('--json', 'NDJSON events on stdout')
      .option('--bwlimit <rate>', 'limit upload bandwidth: 2M, 500k, 10Mbit, off, or a timetable "08:00,1M 19:00,off" (also PIXDROP_BWLIMIT)')
      .option('--concurrency <n>', 'files uploading at once, 1-16 (also PIXDROP_CONCURRENCY)')
      .option('--no-videos', 'leave videos (MP4, MOV, M4V, 3GP, MTS/M2TS, AVI) out; they are uploaded by default')
      .option('--include <glob>', 'only files whose path below the given folder matches (repeatable)', collect, [])
      .option('--exclude <glob>', 'leave files whose path below the given folder matches (repeatable)', collect, [])
      .option('--from <date>', 'only files taken on or after this date (YYYY-MM-DD, camera time)')
      .option('--to <date>', 'only files taken on or before this date (YYYY-MM-DD, camera time)')
      .option('--on-change <mode>', 'a file changed since its upload (a re-export): replace its album photo in place (default), new, skip')
      .option('--after-upload <action>', 'once a photo is verified in its album: keep (default), delete, or move:<folder> (its folders kept below it)')
      // watch takes --dry-run only to refuse it with a word on `upload --dry-run`, so its help does not offer it.
      .addOption(
        new Option('--dry-run', 'print the plan (new, already in the album, paired, ignored and why, albums to create, bytes) and send nothing').hideHelp(
          !o.dryRun,
        ),
      )
      .option('--raw-jpeg <mode>', 'RAW+JPEG of one name in one folder: pair (one photo, RAW linked; default), both, jpeg, raw');
  target(cli.command('upload').argument('[path...]', 'files or folders').description('upload photos and wait until every one is done or failed'), {
    dryRun: true,
  }).action((paths, o) => run(() => runUpload(paths, o)));
  target(cli.command('watch').argument('[path...]', 'folders').description('upload, then keep watching the folders until Ctrl-C'), { dryRun: false }).action(
    (paths, o) => run(() => runWatch(paths, o)),
  );
  cli
    .command('serve')
    .description('the engine and the full UI as a local web page')
    .option('--port <n>', 'port on 127.0.0.1 (default: any free one)')
    .option('--open', 'open it in the browser')
    .action((o) => run(async () => (await import('./commands/serve')).runServe(o)));
  cli
    .command('status')
    .description('queue summary from the local database (no network)')
    .option('--json')
    .action((o) => run(() => runStatus(o)));
  cli
    .command('albums')
    .description('albums on the backend')
    .option('--json')
    .action((o) => run(() => runAlbums(o)));
  cli
    .command('retry')
    .description('put failed files back in the queue')
    .argument('[file-id...]')
    .option('--all', 'every failed file')
    .action((ids, o) => run(() => runRetry(ids, o)));
  cli
    .command('cancel')
    .description('take files out of the queue; a transfer under way is aborted, and a cancelled file is uploaded only if added again')
    .argument('[file-id...]')
    .option('--all', 'every file not yet in its album')
    .action((ids, o) => run(() => runCancel(ids, o)));
  cli
    .command('bwlimit')
    .description('show or save the upload bandwidth limit; a running pixdrop follows it at once')
    .argument('[rate]', '2M, 500k, 10Mbit, off, or a timetable "08:00,1M 19:00,off"')
    .action((spec) => run(async () => (await import('./commands/bwlimit')).runBwlimit(spec)));
  cli
    .command('doctor')
    .description('versions, configuration (no secrets), servers and their clocks, data dir health, last errors')
    .option('--json')
    .action((o) => run(async () => (await import('./commands/doctor')).runDoctor(o)));
  cli
    .command('watches')
    .description('the watched folders (kept in the library)')
    .option('--json')
    .action((o) => run(async () => (await import('./commands/watches')).runWatches(o)));
  cli
    .command('unwatch')
    .description('stop watching a folder')
    .argument('<path>', 'a watched folder (see `pixdrop watches`)')
    .action((folder) => run(async () => (await import('./commands/watches')).runUnwatch(folder)));
  cli
    .command('completion')
    .description('print a shell completion script')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action((shell: 'bash' | 'zsh' | 'fish') =>
      run(async () => {
        process.stdout.write((await import('./completion')).completionScript(shell, cli));
        return EXIT_OK;
      }),
    );
  return cli;
}
