/**
 * The built renderer must carry no secret: not the values in this environment (a Vite `define`
 * or env prefix mistake would inline them), not the desktop tests' secrets, and nothing shaped
 * like a credential. Needs `npm run build` first; skips with the reason when out/renderer is absent.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers';
import { TEST_CLOUDINARY_URL, TEST_SECRET_MARKER, TEST_TOKEN } from './test-secrets';

const rendererDir = path.join(repoRoot, 'out', 'renderer');
const built = existsSync(path.join(rendererDir, 'index.html'));
if (!built) console.log(`renderer bundle check skipped: ${rendererDir} does not exist (run npm run build first)`);

const CREDENTIAL_SHAPES: [string, RegExp][] = [
  ['a CLOUDINARY_URL with credentials', /cloudinary:\/\/\d{6,}:[A-Za-z0-9_-]{8,}@/],
  ['a JWT', /eyJ[\w-]{8,}\.eyJ[\w-]{8,}\.[\w-]{8,}/],
];

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    return statSync(file).isDirectory() ? filesBelow(file) : [file];
  });
}

/** Secret values from this environment that are long enough not to match by chance. */
function environmentSecrets(env: NodeJS.ProcessEnv): string[] {
  const cloudinarySecret = /^cloudinary:\/\/[^:]+:([^@]+)@/.exec(env.CLOUDINARY_URL ?? '')?.[1];
  return [cloudinarySecret, env.CLOUDINARY_URL, env.PIXDROP_API_TOKEN].filter((s): s is string => typeof s === 'string' && s.length >= 8);
}

describe.skipIf(!built)('the built renderer bundle', () => {
  it('contains no secret and nothing shaped like a credential', () => {
    const files = filesBelow(rendererDir);
    expect(files.some((f) => f.endsWith('.js'))).toBe(true);
    const known = [TEST_TOKEN, TEST_CLOUDINARY_URL, TEST_SECRET_MARKER, ...environmentSecrets(process.env)];
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const where = path.relative(repoRoot, file);
      for (const secret of known) expect(text.includes(secret), `${where} contains a secret`).toBe(false);
      for (const [what, shape] of CREDENTIAL_SHAPES) expect(shape.test(text), `${where} contains ${what}`).toBe(false);
    }
  });
});
