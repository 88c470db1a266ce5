import { randomBytes } from 'node:crypto';
import { readFileSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { createLocalSigner, type UploadSigner } from '../../../src/main/engine/cloudinary/upload';
import { systemClock, type CloudinaryConfig } from '../../../src/main/engine/types';
import { startCloudinaryServer, type CloudinaryServer, type CloudinaryServerOptions } from '../../../src/main/localstack/cloudinary-server';
import { fixturesDir, repoRoot, sha1Of, tempDir as makeTempDir } from '../../helpers';

export { repoRoot, sha1Of };
export const photosDir = fixturesDir;

export interface Expected {
  Make: string | null;
  ImageWidth: number | null;
  ImageHeight: number | null;
  sha1: string;
  FileSize: number;
}
export const expected = (JSON.parse(readFileSync(path.join(photosDir, 'expected.json'), 'utf8')) as { files: Record<string, Expected> }).files;

export const CREDENTIALS = { cloudName: 'pixdrop-test', apiKey: '614335564976464', apiSecret: 'Xq3-r_9ZtYv8kLmN0pQrStUvWx' };

export function tempDir(prefix: string): { dir: string; remove(): void } {
  const dir = makeTempDir(`pixdrop-${prefix}-`);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function startServer(dir: string, extra: Partial<CloudinaryServerOptions> = {}): Promise<CloudinaryServer> {
  return startCloudinaryServer({ ...CREDENTIALS, storageDir: path.join(dir, 'cloudinary'), ...extra });
}

export function configFor(server: { url: string }, overrides: Partial<CloudinaryConfig> = {}): CloudinaryConfig {
  return { ...CREDENTIALS, uploadPrefix: server.url, signatureAlgorithm: 'sha1', signatureVersion: 2, ...overrides };
}

export function signerFor(server: { url: string }, overrides: Partial<CloudinaryConfig> = {}): UploadSigner {
  return createLocalSigner(configFor(server, overrides), systemClock);
}

/** Random, incompressible content written 1 MiB at a time (never held whole in memory). */
export async function writeRandomFile(filePath: string, size: number): Promise<void> {
  const handle = await open(filePath, 'w');
  try {
    for (let written = 0; written < size;) {
      const piece = randomBytes(Math.min(1024 * 1024, size - written));
      await handle.write(piece);
      written += piece.length;
    }
  } finally {
    await handle.close();
  }
}

/** Runs `fn` and catches what it throws, for asserting on error codes. */
export async function failureOf(
  fn: () => Promise<unknown>,
): Promise<{ code?: string; message: string; retryAfterSeconds?: number; details?: Record<string, unknown> }> {
  try {
    await fn();
  } catch (error) {
    return error as { code?: string; message: string };
  }
  throw new Error('expected a failure, but it succeeded');
}
