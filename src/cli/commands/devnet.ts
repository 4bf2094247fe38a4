// `oneproof devnet`: a local network with a real execution client, a prover node, a proof-only
// node and a scripted consensus driver. Prints each node's API base URL; Ctrl-C stops everything.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Command } from '../command.js';
import { ConfigError } from '../../config/schema.js';
import { createLogger, type LogLevel } from '../../log/logger.js';
import { Devnet } from '../../devnet/devnet.js';

const USAGE = `usage: oneproof devnet [--data-dir DIR] [--block-time S] [--blocks N] [--api.port P] [--no-verifier] [--guest-elf FILE] [--log-level L]

  --data-dir DIR   where the execution client and both nodes keep their data (default: a new temp dir)
  --block-time S   seconds between blocks (default 4)
  --blocks N       stop after N blocks (default 0: run until Ctrl-C)
  --api.port P     the prover node's API/dashboard port (default: any free port)
  --no-verifier    do not start the proof-only node
  --guest-elf FILE the validator guest the prover proves with (default build/guest/validator.elf)
  --log-level L    info (default), debug, warn, ...`;

function parse(args: string[]) {
  const o = { dataDir: '', blockTimeS: 4, blocks: 0, verifier: true, apiPort: 0, logLevel: 'info' as LogLevel, guestElf: undefined as string | undefined };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const v = () => {
      const x = args[++i];
      if (x === undefined) throw new ConfigError(`${a} needs a value`);
      return x;
    };
    const num = (x: string) => {
      const n = Number(x);
      if (!Number.isFinite(n) || n < 0) throw new ConfigError(`${a}: expected a non-negative number, got ${x}`);
      return n;
    };
    if (a === '--data-dir') o.dataDir = v();
    else if (a === '--block-time') o.blockTimeS = num(v());
    else if (a === '--blocks') o.blocks = Math.floor(num(v()));
    else if (a === '--api.port') o.apiPort = Math.floor(num(v()));
    else if (a === '--no-verifier') o.verifier = false;
    else if (a === '--guest-elf') o.guestElf = v();
    else if (a === '--log-level') o.logLevel = v() as LogLevel;
    else throw new ConfigError(`unknown option ${a}\n${USAGE}`);
  }
  return o;
}

const devnet: Command = {
  name: 'devnet',
  summary: 'local network: EthereumJS client, prover node, proof-only node, block driver',
  usage: USAGE,
  async run(args) {
    let o;
    try {
      o = parse(args);
    } catch (e) {
      if (e instanceof ConfigError) {
        console.error(`oneproof devnet: ${e.message}`);
        return 2;
      }
      throw e;
    }
    const dataDir = o.dataDir || mkdtempSync(path.join(os.tmpdir(), 'oneproof-devnet-'));
    const log = createLogger(o.logLevel);
    const net = await Devnet.start({ dataDir, blockTimeS: o.blockTimeS, blocks: o.blocks, verifier: o.verifier, apiPort: o.apiPort || undefined, guestElf: o.guestElf, log, onBlock: (b) => console.log(`block ${b.number} ${b.blockHash} (${b.transactions} txs) newPayload ${b.newPayloadStatus}`) });
    console.log(`execution client: rpc ${net.el.rpcUrl}  engine ${net.el.engineUrl}`);
    console.log(`prover   API ${net.prover.apiUrl}  (dashboard ${net.prover.apiUrl}/)  engine proxy ${net.prover.engineUrl}`);
    if (net.verifier) console.log(`verifier API ${net.verifier.apiUrl}  (dashboard ${net.verifier.apiUrl}/)  engine ${net.verifier.engineUrl}`);
    console.log(`data in ${dataDir}; Ctrl-C to stop`);
    net.run();
    let signalled = false;
    const onSignal = () => {
      if (signalled) return;
      signalled = true;
      console.log('stopping devnet…');
      void net.stop();
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    await net.done;
    if (!signalled) await net.stop();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    return 0;
  },
};
export default devnet;
