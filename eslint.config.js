// The layers, checked on every import: shared ← engine ← api ← hosts (cli, web, electron); the renderer
// and the preload reach main-side code only through src/shared; electron is imported only by
// src/main/electron and src/preload; the engine never imports the demo stack (localstack), the hosts do.
import importX from 'eslint-plugin-import-x';
import { createTypeScriptImportResolver } from 'eslint-import-resolver-typescript';
import tseslint from 'typescript-eslint';

const from = (...folders) => folders.map((f) => `./src/${f}`);

/** [importing folder, folders it may not import from, why, paths inside them it may import after all]. */
const LAYERS = [
  ['./src/shared', from('main', 'renderer', 'preload'), 'src/shared is plain TypeScript imported by every side; it imports nothing but itself.'],
  [
    './src/main/engine',
    from('main/api', 'main/cli', 'main/web', 'main/electron', 'main/localstack', 'renderer', 'preload'),
    'the engine is below the API and the hosts, and knows nothing of demo mode: hosts start the local servers.',
  ],
  [
    './src/main/updates',
    from('main/api', 'main/cli', 'main/web', 'main/electron', 'main/localstack', 'renderer', 'preload'),
    'the update decision is plain Node, tested against a real feed; only src/main/electron drives electron-updater.',
  ],
  [
    './src/main/api',
    from('main/cli', 'main/web', 'main/electron', 'main/localstack', 'renderer', 'preload'),
    'the API layer sits between the engine and the hosts.',
  ],
  [
    './src/main/localstack',
    from('main/api', 'main/cli', 'main/web', 'main/electron', 'renderer', 'preload'),
    'the local servers may use engine helpers, never a host.',
  ],
  ['./src/main/web', from('main/cli', 'main/electron', 'renderer', 'preload'), 'a host does not import another host.'],
  ['./src/main/electron', from('main/cli', 'main/web', 'preload'), 'a host does not import another host.'],
  [
    './src/main/electron',
    from('renderer'),
    "the desktop host shares only the window's message catalogs and language choice (src/renderer/i18n/messages, locale.ts), for the tray and notifications.",
    ['./i18n/messages', './i18n/locale.ts'],
  ],
  ['./src/main/cli', from('main/electron', 'renderer', 'preload'), 'a host does not import another host (serve is the CLI’s own web host).'],
  ['./src/renderer', from('main', 'preload'), 'the renderer reaches main-side code only through src/shared.'],
  ['./src/preload', from('main', 'renderer'), 'the preload reaches main-side code only through src/shared.'],
];

export default tseslint.config(
  { linterOptions: { reportUnusedDisableDirectives: 'off' } },
  { ignores: ['out/**', 'node_modules/**', 'bench/.cache/**', 'dist/**', 'release/**', 'test-results/**', 'playwright-report/**'] },
  {
    files: ['src/**/*.{ts,tsx}'],
    languageOptions: { parser: tseslint.parser, parserOptions: { ecmaVersion: 'latest', sourceType: 'module', ecmaFeatures: { jsx: true } } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createTypeScriptImportResolver({ project: ['tsconfig.node.json', 'tsconfig.web.json'], noWarnOnMultipleProjects: true })],
    },
    rules: {
      'import-x/no-restricted-paths': [
        'error',
        { zones: LAYERS.map(([target, forbidden, message, except]) => ({ target, from: forbidden, message, ...(except ? { except } : {}) })) },
      ],
      'import-x/no-cycle': ['error', { maxDepth: 4, ignoreExternal: true }],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'electron', message: 'Only src/main/electron and src/preload import electron.' },
            { name: 'electron-updater', message: 'electron-updater loads electron: only src/main/electron imports it.' },
          ],
          patterns: [{ group: ['electron/*'], message: 'Only src/main/electron and src/preload import electron.' }],
        },
      ],
    },
  },
  { files: ['src/main/electron/**', 'src/preload/**'], rules: { 'no-restricted-imports': 'off' } },
  { files: ['src/main/**/*.ts'], rules: { 'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }] } },
  {
    files: ['src/main/cli/program.ts', 'src/main/engine/read/reader-program.ts'],
    rules: { 'max-lines-per-function': 'off' },
  },
);
