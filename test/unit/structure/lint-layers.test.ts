/**
 * The layers are enforced by ESLint (eslint.config.js, run by `npm run lint` in `npm test`): a planted
 * import across a layer fails it, the same import in the right direction passes; a main-side function over 60 lines fails it too. The planted files are
 * linted as text under their would-be paths; nothing is written to the tree.
 */
import { ESLint } from 'eslint';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';

let eslint: ESLint;

async function ruleIds(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(repoRoot, file) });
  return result!.messages.map((m) => m.ruleId ?? `fatal: ${m.message}`);
}

describe('layers checked by ESLint', () => {
  beforeAll(() => {
    eslint = new ESLint({ cwd: repoRoot });
  });

  it.each([
    ['the engine importing the demo stack', 'src/main/engine/planted.ts', "import { demoServices } from '../localstack/demo';\nvoid demoServices;\n"],
    ['the engine importing a host', 'src/main/engine/planted.ts', "import { loadConfig } from '../cli/setup';\nvoid loadConfig;\n"],
    ['the API importing a host', 'src/main/api/planted.ts', "import { startWebServer } from '../web/server';\nvoid startWebServer;\n"],
    ['the renderer importing main-side code', 'src/renderer/planted.ts', "import { transition } from '../main/engine/library/jobs';\nvoid transition;\n"],
    [
      'the desktop host importing the window beyond its message catalogs',
      'src/main/electron/planted.ts',
      "import { useT } from '../../renderer/i18n/I18nProvider';\nvoid useT;\n",
    ],
    ['src/shared importing the engine', 'src/shared/planted.ts', "import type { Engine } from '../main/engine/types';\nexport type E = Engine;\n"],
  ])(
    'fails on %s',
    async (_what, file, code) => {
      expect(await ruleIds(file, code)).toContain('import-x/no-restricted-paths');
    },
    60_000,
  );

  it('fails on electron imported outside src/main/electron and src/preload', async () => {
    expect(await ruleIds('src/main/engine/planted.ts', "import { app } from 'electron';\nvoid app;\n")).toContain('no-restricted-imports');
    expect(await ruleIds('src/main/electron/planted.ts', "import { app } from 'electron';\nvoid app;\n")).toEqual([]);
  }, 60_000);

  it('fails on a main-side function longer than 60 lines (blank lines and comments not counted)', async () => {
    const fn = (lines: number) => `export function planted(): number {\n  let n = 0;\n${'  n += 1;\n  // why\n\n'.repeat(lines - 4)}  return n;\n}\n`;
    expect(await ruleIds('src/main/engine/planted.ts', fn(60))).toEqual([]);
    expect(await ruleIds('src/main/engine/planted.ts', fn(61))).toContain('max-lines-per-function');
  }, 60_000);

  it('passes the same kind of import in the right direction', async () => {
    expect(await ruleIds('src/main/cli/planted.ts', "import { createEngine } from '../engine';\nvoid createEngine;\n")).toEqual([]);
    expect(await ruleIds('src/main/localstack/planted.ts', "import { silentLogger } from '../engine/logger';\nvoid silentLogger;\n")).toEqual([]);
    // The tray speaks the window's catalogs.
    expect(await ruleIds('src/main/electron/planted.ts', "import { en } from '../../renderer/i18n/messages/en';\nvoid en;\n")).toEqual([]);
  }, 60_000);
});
