// `oneproof zkvm <build|run|prove|verify> ...`: each subcommand lives in ../zkvm/<name>.js.
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Command } from '../command.js';

const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'zkvm');

async function subcommands(): Promise<Map<string, Command>> {
  const subs = new Map<string, Command>();
  const files = existsSync(dir) ? readdirSync(dir).sort() : [];
  for (const file of files) {
    if (!/\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) continue;
    const mod = (await import(pathToFileURL(path.join(dir, file)).href)) as { default?: Command };
    if (mod.default) subs.set(mod.default.name, mod.default);
  }
  return subs;
}

const zkvm: Command = {
  name: 'zkvm',
  summary: 'build, run, prove and verify rv32im guest programs',
  usage: 'usage: oneproof zkvm <build|run|prove|verify> [options]  (oneproof zkvm <sub> --help)',
  async run(args) {
    const subs = await subcommands();
    const [name, ...rest] = args;
    const sub = name ? subs.get(name) : undefined;
    if (!sub) {
      console.error(`usage: oneproof zkvm <${[...subs.keys()].join('|')}> [options]`);
      return 2;
    }
    if (rest.includes('--help') || rest.includes('-h')) {
      console.log(sub.usage);
      return 0;
    }
    return sub.run(rest);
  },
};
export default zkvm;
