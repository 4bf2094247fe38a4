// `oneproof verify-block`: checks a block proof. With --payload, against that payload: its fields
// must hash to its block hash, and the native verifier must accept the proof with public values
// naming this block, its parent and state root, and a successful validation. Without, the proof
// alone: the verifier must accept it, and the proven block hash, parent hash, state root and
// verdict are printed. Prints VALID or INVALID with the reason.
import { readFileSync } from 'node:fs';
import { hexlify } from 'ethers';
import { claimOf } from '../../verify/binding.js';
import type { Command } from '../command.js';
import { loadNativeZkvm, validatorElfPath } from '../../prover/native-zkvm.js';
import { checkPayloadConsistency } from '../../verify/payload-hash.js';
import { readPayloadFile } from '../../verify/payload-file.js';
import { newPayloadRequestRoot } from '../../verify/request-root.js';
import { NativeProofVerifier } from '../../verify/verifier.js';

const USAGE = `usage: oneproof verify-block [--payload FILE] (--proof FILE | PROOF) [--elf VALIDATOR.elf] [--params NAME]

  --payload FILE  the engine_newPayload request the proof must be for (default: print what it proves)
  --params NAME   FRI parameters the proof was made with: default, provable or test
Exit status: 0 VALID, 1 INVALID (or a proof that the block is invalid), 2 usage or I/O error.`;

const hex = (b: Uint8Array) => '0x' + Buffer.from(b).toString('hex');

const verifyBlock: Command = {
  name: 'verify-block',
  summary: 'verify a block proof against its execution payload',
  usage: USAGE,
  async run(args) {
    const get = (flag: string) => {
      const i = args.indexOf(flag);
      return i >= 0 ? args[i + 1] : undefined;
    };
    const payloadFile = get('--payload');
    const positional = args.filter((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
    const proofFile = get('--proof') ?? (positional.length === 1 ? positional[0] : undefined);
    const params = get('--params') ?? 'default';
    if (!proofFile || !['default', 'provable', 'test'].includes(params)) {
      console.error(USAGE);
      return 2;
    }
    const options = { params: params as 'default' | 'provable' | 'test' };
    let proof: Uint8Array;
    try {
      proof = readFileSync(proofFile);
    } catch (e) {
      console.error(`verify-block: cannot read ${proofFile}: ${(e as Error).message}`);
      return 2;
    }
    if (!payloadFile) {
      const zkvm = (await loadNativeZkvm()).zkvm;
      if (!zkvm?.verify) {
        console.error('verify-block: native verifier not built');
        return 1;
      }
      let elf: Uint8Array;
      try {
        elf = readFileSync(validatorElfPath(get('--elf')));
      } catch (e) {
        console.error(`verify-block: ${(e as Error).message}`);
        return 2;
      }
      try {
        const pv = zkvm.verify(elf, proof, options).publicValues;
        if (pv.length !== 97) throw new Error(`public values are ${pv.length} bytes, not the validator's 97`);
        const valid = pv[96] === 1;
        console.log(JSON.stringify({ status: valid ? 'VALID' : 'INVALID', blockHash: hex(pv.subarray(0, 32)), parentHash: hex(pv.subarray(32, 64)), stateRoot: hex(pv.subarray(64, 96)), ...(valid ? {} : { reason: 'the proof shows the block is invalid' }) }));
        return valid ? 0 : 1;
      } catch (e) {
        console.log(JSON.stringify({ status: 'INVALID', reason: `proof rejected: ${(e as Error).message}` }));
        return 1;
      }
    }
    const { request } = readPayloadFile(payloadFile);
    const root = newPayloadRequestRoot(request);
    const inconsistent = checkPayloadConsistency(request);
    const verdict = inconsistent ?? (await new NativeProofVerifier((await loadNativeZkvm()).zkvm, validatorElfPath(get('--elf')), options).verify(proof, claimOf(request)));
    const valid = verdict === true;
    console.log(JSON.stringify({ blockHash: request.payload.blockHash, newPayloadRequestRoot: hexlify(root), status: valid ? 'VALID' : 'INVALID', ...(valid ? {} : { reason: verdict }) }));
    return valid ? 0 : 1;
  },
};
export default verifyBlock;
