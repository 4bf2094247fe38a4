// The `oneproof` command. Each subcommand lives in its own module under ./commands/<name>.js.
import '../util/polyfills.js';
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';
import type { Command } from './command.js';

const commandsDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'commands');

async function loadCommands(): Promise<Map<string, Command>> {
  const commands = new Map<string, Command>();
  const files = existsSync(commandsDir) ? readdirSync(commandsDir).sort() : [];
  for (const file of files) {
    if (!/\.(js|ts)$/.test(file) || file.endsWith('.d.ts')) continue;
    const mod = (await import(pathToFileURL(path.join(commandsDir, file)).href)) as { default?: Command };
    if (mod.default) commands.set(mod.default.name, mod.default);
  }
  return commands;
}

function usage(commands: Map<string, Command>): string {
  const lines = ['usage: oneproof <command> [options]', '', 'commands:'];
  for (const c of commands.values()) lines.push(`  ${c.name.padEnd(14)} ${c.summary}`);
  lines.push('', 'Run `oneproof <command> --help` for a command\'s options.');
  return lines.join('\n');
}

export async function main(argv: string[]): Promise<number> {
  const commands = await loadCommands();
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage(commands));
    return name ? 0 : 2;
  }
  const command = commands.get(name);
  if (!command) {
    console.error(`oneproof: unknown command '${name}'\n\n${usage(commands)}`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    console.log(command.usage);
    return 0;
  }
  return command.run(rest);
}

const invokedDirectly = process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1]);
if (invokedDirectly) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (err: unknown) => {
      console.error(`oneproof: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
