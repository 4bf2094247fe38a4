// `oneproof exec`: validate one block natively against its execution witness.
import { readFileSync } from 'node:fs';
import type { Command } from '../command.js';
import { validateBlock } from '../../native/block.js';

function option(args: string[], name: string): string | undefined {
  const i = args.indexOf(name);
  if (i < 0) return undefined;
  const v = args[i + 1];
  if (v === undefined || v.startsWith('--')) throw new Error(`${name} needs a value`);
  return v;
}

const exec: Command = {
  name: 'exec',
  summary: 'validate a block statelessly against its execution witness (native)',
  usage: [
    'usage: oneproof exec --block <block.rlp.hex> --witness <witness.json> [--chain <chain.json>] [--json]',
    '',
    '  --block    the block RLP as hex (0x-prefixed or not)',
    '  --witness  debug_executionWitness JSON: {state, codes, headers (oldest first, ending with the parent)}',
    '  --chain    {chainId, fork, blobSchedule{target,max,baseFeeUpdateFraction}} (default: chain 1, Prague)',
    '  --json     print the full result as JSON',
    '',
    'Exit code 0: valid; 1: invalid; 3: the witness lacks data the block needs; 2: bad usage or input.',
  ].join('\n'),
  async run(args) {
    let blockFile: string | undefined, witnessFile: string | undefined, chainFile: string | undefined;
    try {
      blockFile = option(args, '--block');
      witnessFile = option(args, '--witness');
      chainFile = option(args, '--chain');
    } catch (e) {
      console.error(`oneproof exec: ${(e as Error).message}`);
      return 2;
    }
    if (!blockFile || !witnessFile) {
      console.error('oneproof exec: --block and --witness are required (see --help)');
      return 2;
    }
    let result;
    try {
      const block = readFileSync(blockFile, 'utf8');
      const witness = readFileSync(witnessFile, 'utf8');
      const chain = chainFile ? readFileSync(chainFile, 'utf8') : undefined;
      result = validateBlock(block, witness, chain);
    } catch (e) {
      console.error(`oneproof exec: ${(e as Error).message}`);
      return 2;
    }
    if (args.includes('--json')) {
      console.log(JSON.stringify({ ...result, publicValues: '0x' + result.publicValues.toString('hex') }, null, 2));
    } else if (result.success) {
      const mgas = result.elapsedMs > 0 ? (result.gasUsed / 1e3 / result.elapsedMs).toFixed(1) : '-';
      console.log(
        `valid: block ${result.number} ${result.blockHash}\n  state root ${result.computedStateRoot}\n` +
          `  ${result.txCount} txs, ${result.gasUsed} gas, ${result.elapsedMs.toFixed(1)} ms (${mgas} Mgas/s)`,
      );
    } else if (result.witnessIncomplete) {
      console.log(`not validated: block ${result.number} ${result.blockHash}: ${result.reason}`);
    } else {
      console.log(`invalid: block ${result.number} ${result.blockHash}: ${result.reason}`);
    }
    if (result.success) return 0;
    return result.witnessIncomplete ? 3 : 1;
  },
};
export default exec;
