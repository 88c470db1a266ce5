/** Exit codes of contract §1 and the one-line error a person sees for each failure. */
import { AppError, toView } from '../../shared/errors';

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

/** Prints one clear line on stderr and returns the exit code that goes with it. */
export function reportFatal(error: unknown): number {
  if (error instanceof UsageError) {
    process.stderr.write(`pixdrop: ${error.message}\n`);
    return EXIT_USAGE;
  }
  const view = toView(error);
  process.stderr.write(`pixdrop: ${view.message}\n`);
  if (error instanceof AppError && error.code === 'CONFIG') return EXIT_USAGE;
  return EXIT_FAILED;
}
