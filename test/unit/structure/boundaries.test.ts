/**
 * The layering the architecture promises, checked on the source itself: only the Electron
 * shell imports electron; the renderer reaches main-side code only through src/shared; shared
 * imports nothing at runtime; the engine never imports a host.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';

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
});
