// Runs once before vitest: brings the example guests in build/guest up to date (an incremental no-op
// after `npm test`'s build) and compiles the TypeScript sidecar to dist/ (the `oneproof` CLI runs
// from there) unless dist/ is already newer than every source file.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(p) : statSync(p).mtimeMs);
  }
  return newest;
}

/**
 * Brings the runtime and example guests in build/guest up to date (the tests run them). The block
 * validator is left to `npm run build:guest` (npm test builds it first), so that a change in the
 * validator's sources does not make every vitest run recompile it.
 */
function buildGuests(): void {
  try {
    execFileSync('bash', [path.join(root, 'scripts', 'build.sh'), 'guest'], {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, OP_GUEST_TARGETS: 'examples' },
    });
  } catch {
    console.warn('global-setup: the rv32im guest build failed; the guest tests will report it');
  }
}

export default function setup(): void {
  buildGuests();
  buildTypeScript();
}

function buildTypeScript(): void {
  const cli = path.join(root, 'dist', 'cli', 'main.js');
  const tsconfig = path.join(root, 'tsconfig.json');
  const builtAt = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  if (builtAt > Math.max(newestSource(path.join(root, 'src')), statSync(tsconfig).mtimeMs)) return;
  try {
    execFileSync(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', tsconfig], {
      cwd: root,
      stdio: 'inherit',
    });
  } catch (err) {
    // tsc still emits JavaScript when some file has a type error; the tests that need dist/ report
    // their own failures, and `npm run build:ts` shows the type errors.
    if (!existsSync(cli)) throw err;
    console.warn('global-setup: tsc reported errors; running the tests against the emitted dist/');
  }
}
