// Loads the compiled N-API addon (build/native/Release/oneproof.node) once.
import { createRequire } from 'node:module';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
// Works from src/native (vitest, tsx) and dist/native (compiled): both are two levels below the root.
export const projectRoot = path.resolve(here, '..', '..');

let cached: Record<string, unknown> | undefined;

export function loadAddon<T = Record<string, unknown>>(): T {
  if (!cached) {
    const file = process.env.ONEPROOF_ADDON ?? path.join(projectRoot, 'build', 'native', 'Release', 'oneproof.node');
    if (!existsSync(file)) {
      throw new Error(`oneproof native addon not found at ${file}: run \`npm run build:native\``);
    }
    cached = require(file) as Record<string, unknown>;
  }
  return cached as T;
}
