// Where the public Ethereum fixtures live: $ONEPROOF_FIXTURES, else ../shared/fixtures beside the
// checkout, else /work/shared/fixtures. Tests that need them skip (with this reason) when absent.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function locate(): string | undefined {
  const candidates = [process.env.ONEPROOF_FIXTURES, path.resolve(root, '..', 'shared', 'fixtures'), '/work/shared/fixtures'];
  return candidates.find((c): c is string => !!c && existsSync(path.join(c, 'blockchain')));
}

const found = locate();
export const hasFixtures = found !== undefined;
export const fixturesDir = found ?? path.resolve(root, '..', 'shared', 'fixtures');
export const noFixturesReason = 'shared fixtures not found (set ONEPROOF_FIXTURES)';
/** A path inside the fixtures folder. */
export const fixture = (...parts: string[]) => path.join(fixturesDir, ...parts);
