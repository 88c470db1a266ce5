import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers';
import type { RailsImageBody } from '../../../src/main/engine/backend/rails-form';
import { parseRailsForm, toFormValue, toRailsForm, toRailsFormWithQs } from '../../../src/main/engine/backend/rails-form';

const seed = readFileSync(path.resolve(repoRoot, '../shared/seeds/002_bb563f67edeea9c3.txt'), 'utf8');
const pre = [...seed.matchAll(/<pre>([\s\S]*?)<\/pre>/g)].map((m) => m[1]);
const seedBody = pre.find((block) => block.startsWith('cloudinary[public_id]='))!.trim();
const seedRecord = JSON.parse(pre.find((block) => block.trimStart().startsWith('{\n  "id"'))!);

function pairs(flat: string[]): Array<[string, number]> {
  const out: Array<[string, number]> = [];
  for (let i = 0; i < flat.length; i += 2) out.push([flat[i], Number(flat[i + 1])]);
  return out;
}

/** Cloudinary's upload response as the SDK hands it over: numbers, booleans, nested pairs. */
function cloudinaryResponseFromSeed(): Record<string, unknown> {
  const infos = seedRecord.infos;
  return {
    ...infos,
    version: Number(infos.version),
    width: Number(infos.width),
    height: Number(infos.height),
    bytes: Number(infos.bytes),
    image_metadata: { ...infos.image_metadata, XResolution: 1, YResolution: 1 },
    colors: pairs(infos.colors),
    predominant: { google: pairs(infos.predominant.google) },
    coordinates: { faces: [] },
    illustration_score: Number(infos.illustration_score),
    semi_transparent: false,
    grayscale: false,
  };
}

describe('toRailsForm', () => {
  it('writes the exact body of seed 002 from a Cloudinary upload response', () => {
    const body = toRailsForm({ cloudinary: cloudinaryResponseFromSeed(), metadatas: { meta: 'data' } });
    expect(body).toBe(seedBody);
  });

  it('round-trips through the parser into the seed record infos, every leaf a string', () => {
    const parsed = parseRailsForm(toRailsForm({ cloudinary: cloudinaryResponseFromSeed(), metadatas: { meta: 'data' } }));
    expect(parsed.cloudinary).toEqual(seedRecord.infos);
    expect(parsed.metadatas).toEqual(seedRecord.metadatas);
  });

  it('sends keywords as a bracket list and leaves absent metadata out', () => {
    const body = toRailsForm({ cloudinary: { public_id: 'pixdrop/a b' }, metadatas: { filename: 'été.jpg', keywords: ['sea', 'sky'], title: undefined } });
    expect(body).toBe('cloudinary[public_id]=pixdrop%2Fa+b&metadatas[filename]=%C3%A9t%C3%A9.jpg&metadatas[keywords][]=sea&metadatas[keywords][]=sky');
  });
});

describe('toRailsForm against qs', () => {
  const awkward = ["!'()*~ -_.", 'été 東京 🙂', 'a&b=c+d%e#f?g/h\\i', '', '[x]{y}<z>"q"`', '\t\n\r\u0000\u007f'];
  const bodies: Array<{ name: string; body: RailsImageBody }> = [
    { name: 'seed 002', body: { cloudinary: cloudinaryResponseFromSeed(), metadatas: { meta: 'data' } } },
    {
      name: 'awkward values, nesting and empties',
      body: {
        cloudinary: {
          texts: awkward,
          nested: [[1, [2, [3]]], { x: 'y', z: [] }],
          faces: [],
          empty: {},
          none: null,
          gone: undefined,
          when: new Date(0),
          yes: true,
          n: -0.5,
        },
        metadatas: Object.fromEntries(awkward.map((text, i) => [`k${i}`, text])),
      },
    },
    { name: 'a lone surrogate', body: { cloudinary: { public_id: 'pixdrop/x' }, metadatas: { title: 'half \ud800 of a pair' } } },
  ];
  for (const { name, body } of bodies) {
    it(`writes byte for byte what qs writes: ${name}`, () => {
      expect(toRailsForm(body)).toBe(toRailsFormWithQs(body));
    });
  }
});

describe('toFormValue', () => {
  it('flattens nested arrays and stringifies numbers, booleans and nulls', () => {
    expect(toFormValue({ a: [[1, 'x'], [true]], b: null, c: { d: 0.5 } })).toEqual({ a: ['1', 'x', 'true'], b: '', c: { d: '0.5' } });
  });
});
