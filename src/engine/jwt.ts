// Engine API authentication (execution-apis authentication.md): HS256 only, `iat` within ±60 s.
// node:crypto is enough; a JWT library would add algorithms we must refuse anyway.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFileSync } from 'node:fs';

export const IAT_TOLERANCE_S = 60;

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Reads a 32-byte hex secret file (optional 0x, surrounding whitespace allowed). */
export function readJwtSecret(file: string): Buffer {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch (e) {
    throw new Error(`cannot read JWT secret ${file}: ${(e as Error).message}`);
  }
  return parseJwtSecret(text, file);
}

export function parseJwtSecret(text: string, where = 'JWT secret'): Buffer {
  const hex = text.trim().replace(/^0x/i, '');
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${where}: expected 32 bytes of hex (64 characters)`);
  return Buffer.from(hex, 'hex');
}

export function signJwt(secret: Buffer, nowS = Math.floor(Date.now() / 1000), extraClaims: Record<string, unknown> = {}): string {
  const header = b64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = b64url(JSON.stringify({ iat: nowS, ...extraClaims }));
  const sig = createHmac('sha256', secret).update(`${header}.${payload}`).digest();
  return `${header}.${payload}.${b64url(sig)}`;
}

export type JwtCheck = { ok: true } | { ok: false; reason: string };

/** Checks an `Authorization` header value. Unknown claims are ignored, as the spec requires. */
export function verifyJwt(authorization: string | undefined, secret: Buffer, nowS = Math.floor(Date.now() / 1000)): JwtCheck {
  if (!authorization) return { ok: false, reason: 'missing Authorization header' };
  const m = /^Bearer\s+([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/.exec(authorization.trim());
  if (!m) return { ok: false, reason: 'Authorization is not a Bearer JWT' };
  const [, h, p, s] = m;
  let header: unknown;
  let payload: unknown;
  try {
    header = JSON.parse(Buffer.from(h, 'base64url').toString('utf8'));
    payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'JWT header or payload is not JSON' };
  }
  if (typeof header !== 'object' || header === null || (header as { alg?: unknown }).alg !== 'HS256') {
    return { ok: false, reason: `JWT algorithm must be HS256, got ${JSON.stringify((header as { alg?: unknown } | null)?.alg ?? null)}` };
  }
  const expected = createHmac('sha256', secret).update(`${h}.${p}`).digest();
  const given = Buffer.from(s, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'JWT signature mismatch' };
  const iat = (payload as { iat?: unknown } | null)?.iat;
  if (typeof iat !== 'number' || !Number.isFinite(iat)) return { ok: false, reason: 'JWT lacks a numeric iat claim' };
  const drift = nowS - iat;
  if (Math.abs(drift) > IAT_TOLERANCE_S) return { ok: false, reason: `JWT iat is ${drift} s away from now (allowed ±${IAT_TOLERANCE_S} s)` };
  return { ok: true };
}
