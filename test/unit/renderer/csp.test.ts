/** The renderer page carries the same Content-Security-Policy as the Electron window sets (file:// ignores headers). */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../src/main/electron/window';
import { repoRoot } from '../../helpers/paths';

const directives = (policy: string) =>
  new Map(
    policy
      .split(';')
      .map((d) => d.trim())
      .filter(Boolean)
      .map((d) => [d.split(/\s+/)[0], d] as const),
  );

describe('renderer Content-Security-Policy', () => {
  it('is declared in index.html with every directive of the window policy that a meta tag can carry', () => {
    const html = readFileSync(path.join(repoRoot, 'src/renderer/index.html'), 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1];
    expect(meta).toBeDefined();
    const page = directives(meta!);
    for (const [name, directive] of directives(CONTENT_SECURITY_POLICY)) {
      if (name === 'frame-ancestors') continue; // ignored in a meta tag; the window denies framing itself
      expect(page.get(name), name).toBe(directive);
    }
    expect(meta).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });
});
