// Native stateless-validation throughput on the real blocks with witnesses (shared/fixtures/blocks):
// Mgas/s of validateBlock (decode + execute + state root), best of several runs after a warm-up.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../src/native/loader.js';
import { validateBlock } from '../src/native/block.js';
import type { Figure, Suite } from './types.js';

const BLOCKS = ['mainnet-19426587_risc0-zeth', 'hoodi-1151683_go-ethereum-keeper'];

const suite: Suite = {
  name: 'guest',
  async run() {
    const figures: Figure[] = [];
    const runs = process.env.OP_BENCH_QUICK === '1' ? 3 : 10;
    for (const dir of BLOCKS) {
      const base = path.join(projectRoot, '..', 'shared', 'fixtures', 'blocks', dir, 'standard');
      const block = readFileSync(path.join(base, 'block.rlp.hex'), 'utf8').trim();
      const witness = readFileSync(path.join(base, 'witness.json'), 'utf8');
      const chain = readFileSync(path.join(base, 'chain.json'), 'utf8');
      validateBlock(block, witness, chain); // warm-up
      let best = Infinity;
      let last = validateBlock(block, witness, chain);
      for (let i = 0; i < runs; i++) {
        last = validateBlock(block, witness, chain);
        best = Math.min(best, last.elapsedMs);
      }
      const params = { block: dir, gas: last.gasUsed, txs: last.txCount, valid: last.success, runs };
      figures.push({ name: `validate_ms_${dir}`, value: best, unit: 'ms', params });
      if (last.success && best > 0) {
        figures.push({ name: `validate_mgas_per_s_${dir}`, value: last.gasUsed / 1e3 / best, unit: 'Mgas/s', params });
      }
    }
    return figures;
  },
};
export default suite;
