// `npm run bench [suite...]`: runs every bench/*.bench.ts (or the named ones) and writes
// bench/results/<suite>.json with the figures, the machine they came from and the commit.
import '../src/util/polyfills.js';
import { execSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Suite } from './types.js';

const benchDir = path.dirname(fileURLToPath(import.meta.url));
const resultsDir = path.join(benchDir, 'results');

function machine() {
  const cpuinfo = (() => { try { return readFileSync('/proc/cpuinfo', 'utf8'); } catch { return ''; } })();
  const flags = /^flags\s*:\s*(.*)$/m.exec(cpuinfo)?.[1].split(' ') ?? [];
  return {
    hostname: os.hostname(),
    cpu: os.cpus()[0]?.model ?? 'unknown',
    cores: os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    avx2: flags.includes('avx2'),
    avx512: flags.includes('avx512f'),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
}

function commit(): string {
  try { return execSync('git rev-parse --short HEAD', { cwd: benchDir, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim(); }
  catch { return 'unknown'; }
}

async function main() {
  const wanted = process.argv.slice(2);
  const files = readdirSync(benchDir).filter((f) => f.endsWith('.bench.ts')).sort();
  mkdirSync(resultsDir, { recursive: true });
  let failed = 0;
  for (const file of files) {
    const suite = ((await import(pathToFileURL(path.join(benchDir, file)).href)) as { default: Suite }).default;
    if (wanted.length && !wanted.includes(suite.name)) continue;
    console.error(`bench: ${suite.name}`);
    try {
      const started = new Date().toISOString();
      const figures = await suite.run();
      const result = { suite: suite.name, started, commit: commit(), machine: machine(), figures };
      writeFileSync(path.join(resultsDir, `${suite.name}.json`), JSON.stringify(result, null, 2) + '\n');
      console.log(JSON.stringify(result));
    } catch (err) {
      failed++;
      console.error(`bench: ${suite.name} failed: ${err instanceof Error ? err.stack : String(err)}`);
    }
  }
  process.exitCode = failed ? 1 : 0;
}

await main();
