/**
 * The `pixdrop` command (contract §1). Each command returns its exit code; usage and
 * configuration errors exit 2 with one line naming what is wrong and what to do.
 */
import { CommanderError } from 'commander';
import { stopWhenOutputCloses } from './closed-output';
import { EXIT_USAGE, exitOnEscapedError, reportFatal } from './exit';
import { flushLogs } from '../engine/logger';
import { program } from './program';

async function main(): Promise<void> {
  exitOnEscapedError();
  stopWhenOutputCloses();
  // `2>&1 | head -1` closes stderr too: what is said there after that has nowhere to go, and must not kill the stop.
  stopWhenOutputCloses(process.stderr);
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
  await flushLogs();
  // Lingering sockets or timers must not keep a finished command alive.
  setTimeout(() => process.exit(process.exitCode ?? 0), 200).unref();
}

void main();
