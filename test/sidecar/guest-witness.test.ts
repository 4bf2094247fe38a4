// End to end without proving: devnet blocks from the real execution client, their preflight
// witnesses, and the rv32im validator guest run in the zkVM emulator must accept every block and
// commit its hash. Needs the addon's zkvmRun and the validator ELF (built by `npm run build`);
// ONEPROOF_ADDON / ONEPROOF_VALIDATOR_ELF point elsewhere.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { encodeRlp, getBytes, hexlify, keccak256, toBeHex } from 'ethers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEVNET_CHAIN_ID, SYSTEM_CONTRACT_ADDRESSES } from '../../src/devnet/genesis.js';
import type { ExecutionClientProcess } from '../../src/devnet/execution-client.js';
import { ConsensusDriver, type BuiltBlock } from '../../src/devnet/driver.js';
import { readJwtSecret } from '../../src/engine/jwt.js';
import { loadAddon, projectRoot } from '../../src/native/index.js';
import { blockRlpHex, validatorTexts } from '../../src/prover/block-input.js';
import { claimOf, expectedPublicValues } from '../../src/verify/binding.js';
import { parseNewPayloadParams } from '../../src/verify/payload.js';
import { PreflightWitnessBuilder } from '../../src/witness/preflight.js';
import type { ExecutionWitness } from '../../src/witness/types.js';
import { removeTempDirs, startEl, tempDir } from './helpers.js';

type Addon = {
  zkvmRun?: (elf: Uint8Array, input: Uint8Array, opts?: object) => { exitCode: number; publicValues: Uint8Array; cycles: number };
  encodeValidatorInput?: (b: string, w: string, c: string) => Uint8Array;
};

function addon(): Addon {
  try {
    return loadAddon<Addon>();
  } catch {
    return {};
  }
}
const elfPath = process.env.ONEPROOF_VALIDATOR_ELF ?? path.join(projectRoot, 'build', 'guest', 'validator.elf');
const native = addon();
const ready = typeof native.zkvmRun === 'function' && existsSync(elfPath);

/** The guest input per native/guest/validator/input.h (Prague devnet: revision 1 from time 0). */
function guestInput(block: BuiltBlock, w: ExecutionWitness): Uint8Array {
  const chain = [toBeHex(DEVNET_CHAIN_ID), SYSTEM_CONTRACT_ADDRESSES.depositContract, [['0x01', '0x', toBeHex(6), toBeHex(9), toBeHex(5007716)]]];
  return getBytes(encodeRlp([toBeHex(1), chain, blockRlpHex(parseNewPayloadParams(4, block.newPayloadParams)), w.headers, w.state, w.codes]));
}

describe.skipIf(!ready)(`validator guest on preflight witnesses (needs zkvmRun and ${elfPath})`, () => {
  let el: ExecutionClientProcess;
  let driver: ConsensusDriver;
  let builder: PreflightWitnessBuilder;
  const blocks: BuiltBlock[] = [];

  beforeAll(async () => {
    el = await startEl(tempDir('guest'));
    driver = new ConsensusDriver(el.engineUrl, readJwtSecret(el.jwtSecretPath), el.rpcUrl);
    builder = new PreflightWitnessBuilder(el.rpcUrl);
    for (let i = 0; i < 3; i++) blocks.push(await driver.buildBlock());
  });
  afterAll(async () => {
    builder?.destroy();
    driver?.close();
    await el?.stop(500);
  });

  it('accepts every block and commits exactly its claim; a thinned witness fails', async () => {
    const elf = readFileSync(elfPath);
    for (const b of blocks) {
      const w = await builder.build(b.blockHash);
      const input = guestInput(b, w);
      if (native.encodeValidatorInput) {
        const t = validatorTexts(parseNewPayloadParams(4, b.newPayloadParams), w, { chainId: DEVNET_CHAIN_ID, fork: 'Prague' });
        expect(hexlify(native.encodeValidatorInput(t.blockHex, t.witnessJson, t.chainJson))).toBe(hexlify(input));
      }
      const run = native.zkvmRun!(elf, input);
      expect(run.exitCode).toBe(0);
      expect(hexlify(run.publicValues)).toBe(hexlify(expectedPublicValues(claimOf(parseNewPayloadParams(4, b.newPayloadParams)))));
      // Without the parent's state-root node the guest must fail, not treat the state as empty.
      const parent = (await builder.provider.send('eth_getBlockByHash', [b.payload.parentHash, false])) as { stateRoot: string };
      const parentRoot = parent.stateRoot;
      const thin = { ...w, state: w.state.filter((n) => keccak256(n) !== parentRoot) };
      expect(thin.state.length).toBe(w.state.length - 1);
      const bad = native.zkvmRun!(elf, guestInput(b, thin));
      expect(bad.publicValues[96]).toBe(0);
    }
  });
});

afterAll(() => removeTempDirs());
