#!/usr/bin/env node
// Entry point of the `oneproof` command (compiled sidecar in dist/; `npm run build:ts` makes it).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => {
    console.error(`oneproof: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
  },
);
