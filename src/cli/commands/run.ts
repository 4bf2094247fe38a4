// `oneproof run`: one sidecar node from config file + ONEPROOF_* environment + flags.
import type { Command } from '../command.js';
import { configHelp, loadConfig } from '../../config/load.js';
import { ConfigError } from '../../config/schema.js';
import { createLogger } from '../../log/logger.js';
import { Sidecar } from '../../sidecar/sidecar.js';

const run: Command = {
  name: 'run',
  summary: 'run the sidecar (engine proxy, prover or proof-only verifier, API)',
  usage: [
    'usage: oneproof run [--config file.json|file.toml] [options]',
    '',
    'Precedence: flag > ONEPROOF_* environment > config file > defaults. Settings:',
    configHelp(),
  ].join('\n'),
  async run(args) {
    let loaded;
    try {
      // The guest ELF must be the pinned program (config/program-id.ts), unless explicitly allowed.
      loaded = loadConfig({ args, checkProgramId: true });
    } catch (e) {
      if (e instanceof ConfigError) {
        console.error(`oneproof run: ${e.message}`);
        return 2;
      }
      throw e;
    }
    const log = createLogger(loaded.config.logLevel);
    for (const w of loaded.warnings ?? []) log.warn(w);
    const sidecar = await Sidecar.start(loaded.config, log);
    console.log(`oneproof ${loaded.config.role}: engine ${sidecar.engineUrl}  api ${sidecar.apiUrl}${loaded.config.beacon.url ? `  beacon ${loaded.config.beacon.url}` : ''}`);
    await new Promise<void>((resolve) => {
      const stop = (sig: string) => {
        log.info({ signal: sig }, 'stopping');
        resolve();
      };
      process.once('SIGINT', () => stop('SIGINT'));
      process.once('SIGTERM', () => stop('SIGTERM'));
    });
    await sidecar.close();
    return 0;
  },
};
export default run;
