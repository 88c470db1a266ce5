/**
 * What the layer rules of ESLint (eslint.config.js, test/unit/structure/lint-layers.test.ts) do not
 * say: the engine's HTTP is node:http, and the built CLI loads the server packages only when used.
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

describe('module boundaries', () => {
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
