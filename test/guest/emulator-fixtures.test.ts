// A sample of BlockchainTest fixtures run through the rv32im validator (build/guest/validator.elf) on
// the zkVM emulator: for each sampled block the guest's exit code and 97 public-value bytes (block
// hash, parent hash, state root, success) must equal the native validator's on the same input, and
// the verdict must be the fixture's (valid blocks succeed, blocks with expectException do not).
// The sample is fixed (not random): Cancun, Prague and Osaka, every transaction type, invalid
// transactions, invalid requests and a failing system contract.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { encodeValidatorInput, validateBlock } from '../../src/native/block.js';
import { zkvmRun } from '../../src/native/zkvm.js';
import { fixture, hasFixtures, noFixturesReason } from '../fixtures.js';
import { root } from '../foundation/helpers.js';
import { firstBlockInputs, type FixtureCase } from './fixture-witness.js';

const elfPath = path.join(root, 'build', 'guest', 'validator.elf');
const eest = fixture('blockchain', 'eest_tests-v5.4.0_via_erigontech-eest-fixtures', 'blockchain_tests');

interface Sample {
  file: string;
  network: string;
  /** The first case (in file order) of that network whose name contains this; any case when absent. */
  name?: string;
  /** What the block carries, for the test title. */
  what: string;
}

const SAMPLE: Sample[] = [
  // Cancun
  { file: 'cancun/eip4844_blobs/test_blobhash_multiple_txs_in_block.json', network: 'Cancun', what: 'blob and 1559 txs' },
  { file: 'cancun/eip4788_beacon_root/test_tx_to_beacon_root_contract.json', network: 'Cancun', name: 'tx_type_1', what: '2930 tx to the beacon-root contract' },
  { file: 'cancun/eip4788_beacon_root/test_beacon_root_contract_calls.json', network: 'Cancun', what: '1559 tx, beacon root' },
  { file: 'cancun/eip1153_tstore/test_reentrant_call.json', network: 'Cancun', what: 'transient storage' },
  { file: 'cancun/eip5656_mcopy/test_no_memory_corruption_on_upper_call_stack_levels.json', network: 'Cancun', what: 'MCOPY' },
  { file: 'cancun/eip4844_blobs/test_invalid_normal_gas.json', network: 'Cancun', what: 'invalid: max fee below base fee' },
  { file: 'cancun/eip4844_blobs/test_invalid_tx_max_fee_per_blob_gas.json', network: 'Cancun', name: 'invalid_max_fee_per_blob_gas', what: 'invalid: blob fee cap' },
  // Prague
  { file: 'cancun/eip4844_blobs/test_blobhash_multiple_txs_in_block.json', network: 'Prague', what: 'blob and 1559 txs' },
  { file: 'prague/eip7702_set_code_tx/test_pointer_resets_an_empty_code_account_with_storage.json', network: 'Prague', what: 'three 7702 txs and a legacy tx' },
  { file: 'prague/eip7702_set_code_tx/test_authorization_reusing_nonce.json', network: 'Prague', what: 'legacy and 7702 txs' },
  { file: 'prague/eip7623_increase_calldata_cost/test_eip_7623.json', network: 'Prague', what: '2930 tx, calldata floor' },
  { file: 'prague/eip6110_deposits/test_eip_6110.json', network: 'Prague', what: 'deposit requests' },
  { file: 'prague/eip7702_set_code_tx/test_empty_authorization_list.json', network: 'Prague', what: 'invalid: empty authorization list' },
  { file: 'prague/eip6110_deposits/test_invalid_log_length.json', network: 'Prague', what: 'invalid: deposit event layout' },
  // Osaka
  { file: 'prague/eip7702_set_code_tx/test_pointer_normal.json', network: 'Osaka', what: '7702 and legacy txs' },
  { file: 'osaka/eip7939_count_leading_zeros/test_clz_mainnet.json', network: 'Osaka', what: 'CLZ' },
  { file: 'osaka/eip7951_p256verify_precompiles/test_valid.json', network: 'Osaka', what: 'P256VERIFY' },
  { file: 'osaka/eip7918_blob_reserve_price/test_reserve_price_boundary.json', network: 'Osaka', what: 'blob reserve price' },
  { file: 'osaka/eip7825_transaction_gas_limit_cap/test_transaction_gas_limit_cap.json', network: 'Osaka', name: 'exceeds_maximum', what: 'invalid: tx gas cap' },
  { file: 'osaka/eip7594_peerdas/test_invalid_max_blobs_per_tx.json', network: 'Osaka', what: 'invalid: too many blobs' },
  { file: 'prague/eip7685_general_purpose_el_requests/test_invalid_multi_type_requests.json', network: 'Osaka', what: 'invalid: requests hash' },
  { file: 'prague/eip7002_el_triggerable_withdrawals/test_system_contract_errors.json', network: 'Osaka', what: 'invalid: system contract fails' },
];

const documents = new Map<string, Record<string, FixtureCase>>();

function pick(s: Sample): FixtureCase {
  let doc = documents.get(s.file);
  if (!doc) {
    doc = JSON.parse(readFileSync(path.join(eest, s.file), 'utf8')) as Record<string, FixtureCase>;
    documents.set(s.file, doc);
  }
  const found = Object.entries(doc).find(([name, fx]) => fx.network === s.network && Array.isArray(fx.blocks) && (!s.name || name.includes(s.name)));
  if (!found) throw new Error(`${s.file}: no ${s.network} case${s.name ? ` named *${s.name}*` : ''}`);
  return found[1];
}

const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');
const hasElf = existsSync(elfPath);

describe.skipIf(!hasFixtures || !hasElf)(`fixture sample on the zkVM emulator${!hasFixtures ? ` (${noFixturesReason})` : !hasElf ? ' (build/guest/validator.elf missing: npm run build:guest)' : ''}`, () => {
  const elf = hasElf ? new Uint8Array(readFileSync(elfPath)) : new Uint8Array();

  it('covers Cancun, Prague and Osaka, valid and invalid blocks', () => {
    for (const network of ['Cancun', 'Prague', 'Osaka']) {
      const mine = SAMPLE.filter((s) => s.network === network);
      expect(mine.some((s) => s.what.startsWith('invalid'))).toBe(true);
      expect(mine.some((s) => !s.what.startsWith('invalid'))).toBe(true);
    }
  });

  for (const s of SAMPLE) {
    it(`${s.network} ${path.basename(s.file, '.json')}: ${s.what}`, async () => {
      const fx = pick(s);
      const inputs = await firstBlockInputs(fx);
      expect(s.what.startsWith('invalid')).toBe(inputs.expectInvalid);

      const native = validateBlock(inputs.blockHex, inputs.witnessJson, inputs.chainJson);
      // The witness is the complete pre-state: a block that needs more is a bug in this test.
      expect(native.witnessIncomplete, native.reason).toBe(false);
      expect(native.success, native.reason).toBe(!inputs.expectInvalid);

      const input = encodeValidatorInput(inputs.blockHex, inputs.witnessJson, inputs.chainJson);
      const guest = zkvmRun(elf, new Uint8Array(input));
      expect(hex(guest.publicValues)).toBe(hex(native.publicValues));
      // Guest exit codes: 0 valid, 1 invalid, 3 witness incomplete (native/guest/validator/main.cc).
      expect(guest.exitCode).toBe(inputs.expectInvalid ? 1 : 0);
      // The layout the proof binds: block hash, parent hash, state root, success byte.
      const pv = guest.publicValues;
      expect(pv.length).toBe(97);
      expect(hex(pv.subarray(0, 32))).toBe(native.blockHash);
      expect(hex(pv.subarray(32, 64))).toBe(native.parentHash);
      expect(hex(pv.subarray(64, 96))).toBe(native.stateRoot);
      expect(pv[96]).toBe(inputs.expectInvalid ? 0 : 1);
    });
  }
});
