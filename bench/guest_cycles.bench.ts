// RISC-V cycles of the validator guest (build/guest/validator.elf) on the zkVM emulator: cycles per
// block, cycles per gas, and the share of cycles spent in keccak, signature recovery, trie work and
// the rest, by call stack and by containing function (zkvmProfile; native/vm/profile.h). Blocks:
// the real ones with witnesses in shared/fixtures/blocks and a few BlockchainTest first blocks with
// their full pre-state as the witness (test/guest/fixture-witness.ts). Cycle counts are exact, so
// one run per block.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeValidatorInput, validateBlock } from '../src/native/block.js';
import { projectRoot } from '../src/native/loader.js';
import { zkvmProfile, type ZkvmCostGroup } from '../src/native/zkvm.js';
import { fixture } from '../test/fixtures.js';
import { firstBlockInputs, type FixtureCase } from '../test/guest/fixture-witness.js';
import type { Figure, Suite } from './types.js';

const REAL_BLOCKS = ['mainnet-19426587_risc0-zeth', 'hoodi-1151683_go-ethereum-keeper'];
// BlockchainTest files (EEST v5.4.0) and the network of the case whose first block is measured.
const FIXTURE_BLOCKS: { file: string; network: string; label: string }[] = [
  { file: 'cancun/eip4844_blobs/test_blobhash_multiple_txs_in_block.json', network: 'Cancun', label: 'eest_cancun_blob_and_1559_txs' },
  { file: 'prague/eip7702_set_code_tx/test_pointer_resets_an_empty_code_account_with_storage.json', network: 'Prague', label: 'eest_prague_7702_txs' },
  { file: 'prague/eip6110_deposits/test_eip_6110.json', network: 'Prague', label: 'eest_prague_deposits' },
  { file: 'osaka/eip7951_p256verify_precompiles/test_valid.json', network: 'Osaka', label: 'eest_osaka_p256verify' },
];
const GROUPS: ZkvmCostGroup[] = ['keccak', 'signature', 'trie', 'other'];

interface BlockInputs {
  label: string;
  block: string;
  witness: string;
  chain: string;
}

function realBlock(dir: string): BlockInputs {
  const base = fixture('blocks', dir, 'standard');
  const read = (n: string) => readFileSync(path.join(base, n), 'utf8');
  return { label: dir, block: read('block.rlp.hex').trim(), witness: read('witness.json'), chain: read('chain.json') };
}

async function fixtureBlock(f: (typeof FIXTURE_BLOCKS)[number]): Promise<BlockInputs> {
  const file = fixture('blockchain', 'eest_tests-v5.4.0_via_erigontech-eest-fixtures', 'blockchain_tests', f.file);
  const doc = JSON.parse(readFileSync(file, 'utf8')) as Record<string, FixtureCase>;
  const fx = Object.values(doc).find((c) => c.network === f.network && Array.isArray(c.blocks));
  if (!fx) throw new Error(`${f.file}: no ${f.network} case`);
  const inputs = await firstBlockInputs(fx);
  return { label: f.label, block: inputs.blockHex, witness: inputs.witnessJson, chain: inputs.chainJson };
}

const suite: Suite = {
  name: 'guest_cycles',
  async run() {
    const elfPath = process.env.ONEPROOF_VALIDATOR_ELF ?? path.join(projectRoot, 'build', 'guest', 'validator.elf');
    if (!existsSync(elfPath)) throw new Error(`${elfPath} missing: run \`npm run build:guest\``);
    const elf = new Uint8Array(readFileSync(elfPath));
    const blocks = [...REAL_BLOCKS.map(realBlock), ...(await Promise.all(FIXTURE_BLOCKS.map(fixtureBlock)))];
    const figures: Figure[] = [];
    for (const b of blocks) {
      const native = validateBlock(b.block, b.witness, b.chain);
      const input = new Uint8Array(encodeValidatorInput(b.block, b.witness, b.chain));
      const started = process.hrtime.bigint();
      const p = zkvmProfile(elf, input);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const params = {
        block: b.label,
        gas: native.gasUsed,
        txs: native.txCount,
        valid: native.success,
        witnessIncomplete: native.witnessIncomplete,
        exitCode: p.exitCode,
        top: p.functions.slice(0, 5).map((f) => `${f.name.replace(/\(.*$/, '')}: ${f.cycles}`).join('; '),
      };
      figures.push({ name: `cycles_${b.label}`, value: p.cycles, unit: 'cycles', params });
      // Gas is only meaningful for a block that ran to completion.
      if (native.success && native.gasUsed > 0) {
        figures.push({ name: `cycles_per_gas_${b.label}`, value: p.cycles / native.gasUsed, unit: 'cycles/gas', params });
      }
      // By call stack (helpers count for the group that called them) and by the function itself.
      for (const g of GROUPS) {
        figures.push({ name: `share_${g}_${b.label}`, value: (100 * p.groups[g]) / p.cycles, unit: '%', params: { block: b.label, cycles: p.groups[g] } });
        figures.push({ name: `self_share_${g}_${b.label}`, value: (100 * p.selfGroups[g]) / p.cycles, unit: '%', params: { block: b.label, cycles: p.selfGroups[g] } });
      }
      figures.push({ name: `profiled_cycles_per_s_${b.label}`, value: p.cycles / seconds, unit: 'cycles/s', params: { block: b.label } });
    }
    return figures;
  },
};
export default suite;
