/**
 * A job's status has one writer: applyJobEvent (and the bulk moves beside it) in library/jobs.ts,
 * which ask transition() and update compare-and-set. Checked on the source: no other SQL assigns
 * `status`, no other code inserts jobs.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers/paths';

const WRITER = path.join('src', 'main', 'engine', 'library', 'jobs.ts');

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(repoRoot, dir)).flatMap((name) => {
    const rel = path.join(dir, name);
    if (statSync(path.join(repoRoot, rel)).isDirectory()) return sourceFiles(rel);
    return /\.tsx?$/.test(name) ? [rel] : [];
  });
}

/** `status = …` as an assignment in SQL (not `WHERE status = …`, `AND status = …`, `j.status = …`). */
const ASSIGNMENT = /(?<![.\w])status\s*=\s*(?:'|@|\?|CASE\b)/g;
const CONDITION_BEFORE = /\b(WHERE|AND|OR|ON|WHEN)\s+$/i;

/** Every status assignment in a file, as `file:line: text`. */
function statusWrites(file: string, text = readFileSync(path.join(repoRoot, file), 'utf8')): string[] {
  const found: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(ASSIGNMENT)) {
      if (!CONDITION_BEFORE.test(line.slice(0, m.index))) found.push(`${file}:${i + 1}: ${line.trim()}`);
    }
    if (/SET\s+status\b/i.test(line) || /INSERT\s+INTO\s+jobs\b/i.test(line)) found.push(`${file}:${i + 1}: ${line.trim()}`);
  });
  return [...new Set(found)];
}

describe('the job status writer', () => {
  const files = [...sourceFiles('src/main'), ...sourceFiles('src/preload')].filter((f) => !f.startsWith(path.join('src', 'main', 'localstack')));

  it('finds the old kinds of status writes when they are there', () => {
    expect(statusWrites('x.ts', "db.prepare(`UPDATE jobs SET status = 'queued', updated_at = ? WHERE id = ?`)")).toHaveLength(1);
    expect(statusWrites('x.ts', "const mark = db.prepare('UPDATE jobs SET status = ?, updated_at = ? WHERE id = ?');")).toHaveLength(1);
    expect(statusWrites('x.ts', "`SELECT * FROM jobs WHERE status = 'queued' AND sha1 IS NULL`")).toEqual([]);
  });

  it('is the only code that assigns a job status or inserts a job', () => {
    expect(files.length).toBeGreaterThan(50);
    const elsewhere = files.filter((f) => f !== WRITER).flatMap((f) => statusWrites(f));
    expect(elsewhere).toEqual([]);
    const inWriter = statusWrites(WRITER).map((w) => w.replace(/^[^:]+:\d+: /, ''));
    // The compare-and-set update, the many-rows CASE update, and a new job's INSERT ('queued').
    expect(inWriter).toHaveLength(3);
    expect(inWriter.join('\n')).toMatch(/status = @to[\s\S]*status = CASE status[\s\S]*INSERT INTO jobs/);
  });

  it('takes the status out of the general patch: updateJob is never handed one', () => {
    const offenders = files.flatMap((f) => readFileSync(path.join(repoRoot, f), 'utf8').match(/updateJob\([^;]*\bstatus\s*:/g) ?? []);
    expect(offenders).toEqual([]);
  });
});
