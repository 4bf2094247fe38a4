import { createHmac, generateKeyPairSync, sign } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { parseJwtSecret, signJwt, verifyJwt } from '../../src/engine/jwt.js';

const secret = Buffer.alloc(32, 7);
const other = Buffer.alloc(32, 8);
const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
const now = 1_800_000_000;

function token(header: object, payload: object, key: Buffer = secret): string {
  const h = b64(header);
  const p = b64(payload);
  return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
}

describe('engine JWT', () => {
  it('accepts our own HS256 token, with unknown claims ignored', () => {
    expect(verifyJwt(`Bearer ${signJwt(secret, now)}`, secret, now)).toEqual({ ok: true });
    expect(verifyJwt(`Bearer ${token({ alg: 'HS256', typ: 'JWT' }, { iat: now, id: 'cl-1', clv: 'x' })}`, secret, now)).toEqual({ ok: true });
  });

  it('accepts iat within ±60 s and rejects beyond', () => {
    expect(verifyJwt(`Bearer ${signJwt(secret, now - 60)}`, secret, now).ok).toBe(true);
    expect(verifyJwt(`Bearer ${signJwt(secret, now + 60)}`, secret, now).ok).toBe(true);
    const stale = verifyJwt(`Bearer ${signJwt(secret, now - 61)}`, secret, now);
    expect(stale).toEqual({ ok: false, reason: expect.stringContaining('61 s') });
    expect(verifyJwt(`Bearer ${signJwt(secret, now + 61)}`, secret, now).ok).toBe(false);
  });

  it('rejects a token signed with another key', () => {
    expect(verifyJwt(`Bearer ${signJwt(other, now)}`, secret, now)).toEqual({ ok: false, reason: 'JWT signature mismatch' });
  });

  it('rejects alg none, even with an empty signature', () => {
    const t = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ iat: now })}.`;
    expect(verifyJwt(`Bearer ${t}`, secret, now)).toEqual({ ok: false, reason: expect.stringContaining('HS256') });
  });

  it('rejects RS256 tokens with a valid RSA signature', () => {
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const h = b64({ alg: 'RS256', typ: 'JWT' });
    const p = b64({ iat: now });
    const sig = sign('sha256', Buffer.from(`${h}.${p}`), privateKey).toString('base64url');
    expect(verifyJwt(`Bearer ${h}.${p}.${sig}`, secret, now).ok).toBe(false);
  });

  it('rejects missing, malformed and iat-less tokens', () => {
    expect(verifyJwt(undefined, secret, now).ok).toBe(false);
    expect(verifyJwt('Basic abc', secret, now).ok).toBe(false);
    expect(verifyJwt('Bearer not.a-jwt', secret, now).ok).toBe(false);
    expect(verifyJwt(`Bearer ${token({ alg: 'HS256' }, { foo: 1 })}`, secret, now)).toEqual({ ok: false, reason: 'JWT lacks a numeric iat claim' });
    expect(verifyJwt(`Bearer ${token({ alg: 'HS256' }, { iat: String(now) })}`, secret, now).ok).toBe(false);
  });

  it('tampering with the payload breaks the signature', () => {
    const [h, , s] = signJwt(secret, now).split('.');
    expect(verifyJwt(`Bearer ${h}.${b64({ iat: now + 1 })}.${s}`, secret, now).ok).toBe(false);
  });

  it('reads hex secrets with or without 0x and refuses other lengths', () => {
    expect(parseJwtSecret(`0x${'ab'.repeat(32)}\n`)).toEqual(Buffer.alloc(32, 0xab));
    expect(parseJwtSecret('ab'.repeat(32))).toEqual(Buffer.alloc(32, 0xab));
    expect(() => parseJwtSecret('ab'.repeat(31))).toThrow(/32 bytes/);
    expect(() => parseJwtSecret('zz'.repeat(32))).toThrow(/32 bytes/);
  });
});
