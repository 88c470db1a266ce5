/**
 * The layering the architecture promises, checked on the source itself: only the Electron
 * shell imports electron; the renderer reaches main-side code only through src/shared; shared
 * imports nothing at runtime; the engine never imports a host.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, requireBuiltCli } from '../../helpers/paths';

function sourceFiles(dir: string): string[] {
  const abs = path.join(repoRoot, dir);
  let entries: string[];
  try {
    entries = readdirSync(abs);
  } catch {
    return [];
  }
  return entries.flatMap((name) => {
    const full = path.join(abs, name);
    if (statSync(full).isDirectory()) return sourceFiles(path.join(dir, name));
    return /\.(ts|tsx)$/.test(name) ? [path.join(dir, name)] : [];
  });
}

function importsOf(file: string): string[] {
  const text = readFileSync(path.join(repoRoot, file), 'utf8');
  const found: string[] = [];
  for (const m of text.matchAll(/(?:^|\n)\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]/g)) {
    if (!m[2]) found.push(m[3]);
  }
  for (const m of text.matchAll(/(?:import|require)\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(m[1]);
  for (const m of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(m[1]);
  return found;
}

function resolvesInto(file: string, spec: string, folder: string): boolean {
  if (!spec.startsWith('.')) return false;
  const target = path.normalize(path.join(path.dirname(file), spec));
  return target === folder || target.startsWith(`${folder}${path.sep}`);
}

describe('module boundaries', () => {
  const all = [...sourceFiles('src'), ...sourceFiles('test'), ...sourceFiles('bench')];

  it('only src/main/electron and src/preload import electron', () => {
    const offenders = all.filter((f) => !f.startsWith(path.join('src', 'main', 'electron')) && !f.startsWith(path.join('src', 'preload')) && !f.includes('electron'))
      .filter((f) => importsOf(f).some((s) => s === 'electron' || s.startsWith('electron/')));
    expect(offenders).toEqual([]);
  });

  it('the engine imports no host (electron, cli, web)', () => {
    const engine = sourceFiles('src/main/engine');
    expect(engine.length).toBeGreaterThan(20);
    const offenders = engine.filter((f) =>
      importsOf(f).some((s) => s === 'electron' || ['src/main/electron', 'src/main/cli', 'src/main/web'].some((host) => resolvesInto(f, s, host))),
    );
    expect(offenders).toEqual([]);
  });

  it('electron-updater (it loads electron) only in src/main/electron; the update decision in src/main/updates stays plain Node', () => {
    const offenders = sourceFiles('src').filter((f) => !f.startsWith(path.join('src', 'main', 'electron')) && importsOf(f).some((s) => s === 'electron-updater'));
    expect(offenders).toEqual([]);
    const updates = sourceFiles('src/main/updates');
    expect(updates.length).toBeGreaterThan(2);
    expect(updates.filter((f) => importsOf(f).some((s) => s.startsWith('electron') || resolvesInto(f, s, 'src/main/electron')))).toEqual([]);
  });

  it('the renderer reaches main-side code only through src/shared', () => {
    const renderer = sourceFiles('src/renderer');
    const offenders = renderer.filter((f) => importsOf(f).some((s) => resolvesInto(f, s, 'src/main') || resolvesInto(f, s, 'src/preload') || s.startsWith('node:') || s === 'electron'));
    expect(offenders).toEqual([]);
  });

  it('src/shared imports nothing at runtime but itself', () => {
    const shared = sourceFiles('src/shared');
    expect(shared.length).toBeGreaterThan(3);
    const offenders = shared.filter((f) => importsOf(f).some((s) => !s.startsWith('./')));
    expect(offenders).toEqual([]);
  });

  it('the engine speaks HTTP through node:http, not undici (whose WebAssembly parser alone raised the upload peak by ~55 MB)', () => {
    const offenders = sourceFiles('src/main').filter((f) => importsOf(f).some((s) => s === 'undici' || s.startsWith('undici/')));
    expect(offenders).toEqual([]);
  });

  it('the built CLI loads the demo stack and the web host only when used: no server package is imported at start-up', () => {
    requireBuiltCli();
    // Static imports only: the chunks a command reaches with import() are not part of the start-up.
    const staticImports = (text: string) => [...text.matchAll(/(?:^|\n)import\s+(?:[^'";]*?\s+from\s+)?"([^"]+)"/g)].map((m) => m[1]!);
    const seen = new Set<string>();
    const packages = new Set<string>();
    const visit = (file: string) => {
      if (seen.has(file)) return;
      seen.add(file);
      for (const spec of staticImports(readFileSync(file, 'utf8'))) {
        if (spec.startsWith('.')) visit(path.resolve(path.dirname(file), spec));
        else packages.add(spec);
      }
    };
    visit(path.join(repoRoot, 'out/cli.js'));
    expect([...packages]).toEqual(expect.arrayContaining(['commander', 'better-sqlite3', 'exifr']));
    expect([...packages].filter((p) => /^(fastify|@fastify\/|busboy|jose)/.test(p))).toEqual([]);
  });
});
