// `oneproof fixtures`: run BlockchainTest JSON fixtures through the stateless validator.
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Command } from '../command.js';
import { runFixtureFile, type FixtureOutcome } from '../../native/block.js';

/** JSON files under the given paths (directories are walked), sorted for a stable order. */
export function fixtureFiles(paths: string[]): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = statSync(p);
    if (st.isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else if (p.endsWith('.json')) {
      out.push(p);
    }
  };
  for (const p of paths) walk(p);
  return out;
}

export interface FixtureSummary {
  passed: number;
  failed: number;
  skipped: number;
  failures: { file: string; name: string; network: string; reason: string }[];
  byNetwork: Record<string, { passed: number; failed: number }>;
}

export function runFixtures(paths: string[], networks: string[]): FixtureSummary {
  const summary: FixtureSummary = { passed: 0, failed: 0, skipped: 0, failures: [], byNetwork: {} };
  for (const file of fixtureFiles(paths)) {
    let outcomes: FixtureOutcome[];
    try {
      outcomes = runFixtureFile(file, networks);
    } catch (e) {
      summary.failed += 1;
      summary.failures.push({ file, name: '(file)', network: '', reason: (e as Error).message });
      continue;
    }
    for (const o of outcomes) {
      if (o.verdict === 'skipped') {
        summary.skipped += 1;
        continue;
      }
      const net = (summary.byNetwork[o.network] ??= { passed: 0, failed: 0 });
      if (o.verdict === 'passed') {
        summary.passed += 1;
        net.passed += 1;
      } else {
        summary.failed += 1;
        net.failed += 1;
        summary.failures.push({ file, name: o.name, network: o.network, reason: o.reason });
      }
    }
  }
  return summary;
}

const fixtures: Command = {
  name: 'fixtures',
  summary: 'run BlockchainTest fixtures through the stateless validator',
  usage: [
    'usage: oneproof fixtures <file-or-dir>... [--network Cancun,Prague,Osaka] [--json]',
    '',
    '  --network  comma-separated forks to run (transition networks into or out of them included)',
    '  --json     print the summary with every failure as JSON',
    '',
    'Last line: "N passed, M failed, K skipped". Exit code 0 when nothing failed.',
  ].join('\n'),
  async run(args) {
    const paths: string[] = [];
    let networks: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const a = args[i]!;
      if (a === '--network') {
        const v = args[++i];
        if (!v) {
          console.error('oneproof fixtures: --network needs a value');
          return 2;
        }
        networks = v.split(',').map((s) => s.trim()).filter(Boolean);
      } else if (a === '--json') {
        continue;
      } else if (a.startsWith('--')) {
        console.error(`oneproof fixtures: unknown option ${a}`);
        return 2;
      } else {
        paths.push(a);
      }
    }
    if (paths.length === 0) {
      console.error('oneproof fixtures: give at least one fixture file or directory');
      return 2;
    }
    let summary: FixtureSummary;
    try {
      summary = runFixtures(paths, networks);
    } catch (e) {
      console.error(`oneproof fixtures: ${(e as Error).message}`);
      return 2;
    }
    if (args.includes('--json')) {
      console.log(JSON.stringify(summary, null, 2));
    } else {
      for (const f of summary.failures) console.log(`FAIL ${f.network} ${f.name}\n     ${f.reason}  (${f.file})`);
      for (const [net, c] of Object.entries(summary.byNetwork)) console.log(`${net}: ${c.passed} passed, ${c.failed} failed`);
    }
    console.log(`${summary.passed} passed, ${summary.failed} failed, ${summary.skipped} skipped`);
    return summary.failed === 0 ? 0 : 1;
  },
};
export default fixtures;
