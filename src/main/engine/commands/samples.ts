/** The sample photos shipped beside the build (samples/), for a first try. */
import { existsSync } from 'node:fs';
import { AppError } from '../../../shared/errors';

export function samplesFolder(dir: string | undefined): string {
  if (dir && existsSync(dir)) return dir;
  throw new AppError('REJECTED', `This copy of PixDrop has no sample photos (${dir ?? 'samples/'} is missing). Add a folder of your own photos instead.`);
}
