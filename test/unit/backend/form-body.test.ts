import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers';
import { parseRailsForm, toRailsForm } from '../../../src/main/engine/backend/rails-form';
import { parseFormBody } from '../../../src/main/localstack/backend/form-body';

const seed = readFileSync(path.resolve(repoRoot, '../shared/seeds/002_bb563f67edeea9c3.txt'), 'utf8');
const seedBody = [...seed.matchAll(/<pre>([\s\S]*?)<\/pre>/g)]
  .map((m) => m[1])
  .find((block) => block.startsWith('cloudinary[public_id]='))!
  .trim();

/** A small deterministic generator (mulberry32), so a failure names a body that can be found again. */
function random(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  'a',
  'b',
  'cloudinary',
  'tags',
  '[',
  ']',
  '[]',
  '[a]',
  '[b]',
  '[0]',
  '[1]',
  '%5B',
  '%5d',
  '=',
  ']=',
  '+',
  '%20',
  '%',
  '%E2%9C%93',
  '%ZZ',
  'é',
  '__proto__',
  'constructor',
  'toString',
  '[__proto__]',
  '[hasOwnProperty]',
  '7',
  '[x][y]',
  '.',
];

const NAMES = ['a', 'b', 'c', 'd', 'e', 'f', 'x y', 'é', '%C3%A9', 'g+h', 'a%5D', '0', 'toString'];
const VALUES = ['', '1', 'a+b', '%20', '%', '%E2%9C%93', '%ZZ', 'x=y', ']=', 'é', '%5B%5D'];

/** Well-formed pairs (`name[a][b]=v`, `name[]=v`, some repeated), in some bodies mixed with random pieces. */
function randomBody(next: () => number): string {
  const pick = (list: string[]) => list[Math.floor(next() * list.length)];
  const pairs: string[] = [];
  const count = Math.floor(next() * 8);
  const chaos = next() < 0.4;
  for (let i = 0; i < count; i += 1) {
    let part = '';
    if (!chaos || next() < 0.5) {
      part = pick(NAMES.slice(0, 6));
      const depth = Math.floor(next() * 3);
      for (let j = 0; j < depth; j += 1) part += `[${pick(NAMES)}]`;
      if (next() < 0.3) part += '[]';
      part += `=${pick(VALUES)}`;
    } else {
      const length = 1 + Math.floor(next() * 6);
      for (let j = 0; j < length; j += 1) part += pick(PIECES);
    }
    pairs.push(part);
  }
  return pairs.join('&');
}

describe('parseFormBody', () => {
  it("reads seed 002's body and a photo's registration exactly as qs does", () => {
    const photo = toRailsForm({
      cloudinary: {
        public_id: 'pixdrop/roll-000/000001',
        tags: ['a', 'b'],
        faces: [],
        colors: [['#AABBCC', 60.2]],
        image_metadata: { Make: 'NIKON', 'Model name': 'D1X ü' },
      },
      metadatas: { filename: 'été 1.jpg', keywords: ['sea'], taken_at: '2024-01-01T08:00:00.000+00:00' },
    });
    for (const body of [seedBody, photo]) expect(parseFormBody(body)).toStrictEqual(parseRailsForm(body));
  });

  it('gives what qs gives for awkward bodies: index keys, repeated keys, clashing paths, prototype names, bad escapes', () => {
    const bodies = [
      '',
      'a=1&a=2',
      'a[]=1&a[]=2&a[b]=3',
      'a[b]=1&a[b][c]=2',
      'a[0]=x&a[1]=y',
      'a[b]c=1',
      '[a]=1',
      'a]=1',
      '__proto__[x]=1&a[constructor]=2&b=3',
      'a=%E0%A4%A',
      'a[b%5D=1&a%5Bc]=2',
      'a+b[c+d]=e+f&&=x&y',
      `deep${'[k]'.repeat(11)}=1`,
      Array.from({ length: 1500 }, (_, i) => `k[]=${i}`).join('&'),
    ];
    for (const body of bodies) expect(parseFormBody(body), body).toStrictEqual(parseRailsForm(body));
  });

  it('agrees with qs on 5,000 generated bodies', () => {
    const next = random(17);
    for (let i = 0; i < 5000; i += 1) {
      const body = randomBody(next);
      expect(parseFormBody(body), body).toStrictEqual(parseRailsForm(body));
    }
  });
});
