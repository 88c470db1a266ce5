#!/usr/bin/env node
/**
 * Writes <folder>/expected.json: exiftool's reading of every photo below <folder>, in the shape of
 * ../shared/fixtures/photos/expected.json (same tags, same -n raw values, same null rules, family-0 groups).
 * Usage: node scripts/heldout-expected.mjs [test/fixtures/heldout]   (exiftool on PATH)
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const TAGS = [
  'Make',
  'Model',
  'LensModel',
  'DateTimeOriginal',
  'OffsetTimeOriginal',
  'Orientation',
  'Composite:ImageSize',
  'Composite:GPSLatitude',
  'Composite:GPSLongitude',
  'ISO',
  'FNumber',
  'ExposureTime',
  'FocalLength',
  'Keywords',
  'Subject',
  'Title',
  'ObjectName',
  'MIMEType',
  'FileType',
  'FileSize',
  'ExifTool:Error',
  'ExifTool:Warning',
];
const FIELDS = [
  'Make',
  'Model',
  'LensModel',
  'DateTimeOriginal',
  'OffsetTimeOriginal',
  'Orientation',
  'ImageWidth',
  'ImageHeight',
  'GPSLatitude',
  'GPSLongitude',
  'ISO',
  'FNumber',
  'ExposureTime',
  'FocalLength',
  'Keywords',
  'Subject',
  'Title',
  'ObjectName',
  'MIMEType',
  'FileType',
  'FileSize',
];
const LISTS = new Set(['Keywords', 'Subject']);
const NOT_GROUPED = new Set(['MIMEType', 'FileType', 'FileSize', 'ImageWidth', 'ImageHeight', 'GPSLatitude', 'GPSLongitude']);

const folder = path.resolve(process.argv[2] ?? 'test/fixtures/heldout');

function listFiles(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name.startsWith('.') || entry.name === 'SOURCES.md' || entry.name === 'expected.json') return [];
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? listFiles(full) : [full];
  });
}

function runExiftool(files) {
  const work = mkdtempSync(path.join(tmpdir(), 'heldout-'));
  try {
    const argFile = path.join(work, 'files.txt');
    writeFileSync(argFile, files.join('\n') + '\n');
    const args = ['-json', '-n', '-G0', '-charset', 'filename=utf8', ...TAGS.map((t) => `-${t}`), '-@', argFile];
    try {
      return JSON.parse(execFileSync('exiftool', args, { maxBuffer: 1 << 28 }).toString('utf8'));
    } catch (error) {
      if (error.stdout?.length) return JSON.parse(error.stdout.toString('utf8')); // exit 1 on an unreadable file
      throw error;
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** exiftool -G0 keys are "Group:Tag": the value and its group for one of our fields. */
function pick(entry, field) {
  for (const [key, value] of Object.entries(entry)) {
    const [group, tag] = key.includes(':') ? key.split(':') : ['', key];
    if (tag === field) return { value, group };
  }
  return { value: undefined, group: undefined };
}

function record(entry, file) {
  const out = {};
  const groups = {};
  const size = pick(entry, 'ImageSize').value;
  const [width, height] = typeof size === 'string' ? size.split(/[ x]/).map(Number) : [];
  for (const field of FIELDS) {
    let { value, group } = pick(entry, field);
    if (field === 'ImageWidth') value = width;
    if (field === 'ImageHeight') value = height;
    if (value === '' || value === undefined) value = null;
    if (value !== null && LISTS.has(field)) value = (Array.isArray(value) ? value : [value]).map(String);
    if (value !== null && ['Make', 'Model', 'LensModel', 'Title', 'ObjectName', 'DateTimeOriginal'].includes(field)) value = String(value);
    out[field] = value;
    if (value !== null && group && !NOT_GROUPED.has(field)) groups[field] = group;
  }
  out.sha1 = createHash('sha1').update(readFileSync(file)).digest('hex');
  out.exiftoolError = pick(entry, 'Error').value ?? null;
  out.exiftoolWarning = pick(entry, 'Warning').value ?? null;
  out.groups = groups;
  return out;
}

const files = listFiles(folder).sort();
const entries = runExiftool(files);
const byPath = new Map(entries.map((entry) => [path.resolve(entry.SourceFile), entry]));
const result = {
  exiftoolVersion: execFileSync('exiftool', ['-ver']).toString().trim(),
  command: `exiftool -json -n -G0 -charset filename=utf8 ${TAGS.map((t) => `-${t}`).join(' ')} -@ <list of files>`,
  notes:
    'Same shape as ../shared/fixtures/photos/expected.json: ImageWidth/ImageHeight from Composite:ImageSize, GPS from Composite, empty strings null, Keywords/Subject arrays, groups = family-0 group of each value.',
  files: {},
};
for (const file of files) {
  const key = path.relative(folder, file).split(path.sep).join('/');
  result.files[key] = record(byPath.get(file) ?? {}, file);
}
writeFileSync(path.join(folder, 'expected.json'), JSON.stringify(result, null, 1) + '\n');
console.log(`${files.length} files → ${path.join(folder, 'expected.json')}`);
