import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../helpers';
import {
  notificationSignature,
  responseSignature,
  signParams,
  stringToSign,
  verifyNotificationSignature,
  type SignableValue,
} from '../../../src/main/engine/cloudinary/sign';

const vectorsFile = JSON.parse(readFileSync(path.resolve(repoRoot, '../shared/docs/cloudinary-sign-vectors.json'), 'utf8')) as {
  vectors: Array<{
    name: string;
    params: Record<string, SignableValue>;
    secret: string;
    algorithm: 'sha1' | 'sha256';
    signature_version: 1 | 2;
    string_to_sign?: string;
    expected: string;
  }>;
  webhook_vectors: Array<{ name: string; body: string; timestamp: string; secret: string; algorithm: 'sha1' | 'sha256'; expected: string }>;
};

describe('upload signature vectors (cloudinary@2.11.0)', () => {
  it('has all 25 vectors to check', () => {
    expect(vectorsFile.vectors).toHaveLength(25);
  });

  for (const [index, v] of vectorsFile.vectors.entries()) {
    it(`#${index + 1} ${v.name}`, () => {
      if (v.string_to_sign !== undefined) expect(stringToSign(v.params, v.signature_version)).toBe(v.string_to_sign);
      expect(signParams(v.params, v.secret, v.algorithm, v.signature_version)).toBe(v.expected);
    });
  }

  it('defaults to SHA-1 and signature version 2', () => {
    expect(signParams({ public_id: 'a&b=c', timestamp: 1315060510 }, 'abcd')).toBe('bec5d3d600ca196c06f6fb47e3a0b03cc686ac92');
  });

  it('never signs file, api_key or signature', () => {
    const base = { public_id: 'sample_image', timestamp: 1315060510 };
    expect(signParams({ ...base, file: 'x', api_key: '1234', signature: 'zz' }, 'abcd')).toBe(signParams(base, 'abcd'));
  });

  it('response signature is public_id and version without escaping', () => {
    expect(responseSignature('sample', 1312461204, 'abcd')).toBe('7332b60d1da7033c332c59cb66dac31f72acc44c');
    expect(responseSignature('a&b', 1, 'abcd')).toBe(signParams({ public_id: 'a&b', version: 1 }, 'abcd', 'sha1', 1));
  });
});

describe('notification signature vectors', () => {
  for (const v of vectorsFile.webhook_vectors) {
    it(v.name, () => {
      expect(notificationSignature(v.body, v.timestamp, v.secret, v.algorithm)).toBe(v.expected);
      expect(notificationSignature(Buffer.from(v.body), Number(v.timestamp), v.secret, v.algorithm)).toBe(v.expected);
      const now = Number(v.timestamp);
      expect(verifyNotificationSignature({ body: v.body, timestamp: v.timestamp, signature: v.expected, secret: v.secret, nowSeconds: now })).toBe(true);
    });
  }

  const v = vectorsFile.webhook_vectors[0];
  const check = (over: Partial<Parameters<typeof verifyNotificationSignature>[0]>) =>
    verifyNotificationSignature({ body: v.body, timestamp: v.timestamp, signature: v.expected, secret: v.secret, nowSeconds: Number(v.timestamp), ...over });

  it('accepts exactly 7200 s old, refuses one second more', () => {
    expect(check({ nowSeconds: Number(v.timestamp) + 7200 })).toBe(true);
    expect(check({ nowSeconds: Number(v.timestamp) + 7201 })).toBe(false);
  });

  it('refuses timestamps far in the future', () => {
    expect(check({ nowSeconds: Number(v.timestamp) - 300 })).toBe(true);
    expect(check({ nowSeconds: Number(v.timestamp) - 301 })).toBe(false);
  });

  it('refuses a re-serialized body, a wrong secret, and garbage signatures', () => {
    expect(check({ body: JSON.stringify(JSON.parse(v.body), null, 1) })).toBe(false);
    expect(check({ secret: 'abce' })).toBe(false);
    expect(check({ signature: 'not-hex' })).toBe(false);
    expect(check({ signature: v.expected.slice(0, 39) })).toBe(false);
  });

  it('accepts upper-case hex and SHA-256 picked by length', () => {
    expect(check({ signature: v.expected.toUpperCase() })).toBe(true);
    const sha256 = vectorsFile.webhook_vectors[1].expected;
    expect(check({ signature: sha256 })).toBe(true);
  });
});
