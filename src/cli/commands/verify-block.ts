// `oneproof verify-block`: checks a proof against a payload: the payload's fields must hash to its
// block hash, and the native verifier must accept the proof with public values naming this block,
// its parent and state root, and a successful validation. Prints VALID or INVALID with the reason.
import { readFileSync } from 'node:fs';
import { hexlify } from 'ethers';
import { claimOf } from '../../verify/binding.js';
import type { Command } from '../command.js';
import { loadNativeZkvm, validatorElfPath } from '../../prover/native-zkvm.js';
import { checkPayloadConsistency } from '../../verify/payload-hash.js';
import { readPayloadFile } from '../../verify/payload-file.js';
import { newPayloadRequestRoot } from '../../verify/request-root.js';
import { NativeProofVerifier } from '../../verify/verifier.js';

const USAGE = 'usage: oneproof verify-block --payload FILE --proof FILE [--elf VALIDATOR.elf]';

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
    const proofFile = get('--proof');
    if (!payloadFile || !proofFile) {
      console.error(USAGE);
      return 2;
    }
    let proof: Uint8Array;
    try {
      proof = readFileSync(proofFile);
    } catch (e) {
      console.error(`verify-block: cannot read ${proofFile}: ${(e as Error).message}`);
      return 2;
    }
    const { request } = readPayloadFile(payloadFile);
    const root = newPayloadRequestRoot(request);
    const inconsistent = checkPayloadConsistency(request);
    const verdict = inconsistent ?? (await new NativeProofVerifier((await loadNativeZkvm()).zkvm, validatorElfPath(get('--elf'))).verify(proof, claimOf(request)));
    const valid = verdict === true;
    console.log(JSON.stringify({ blockHash: request.payload.blockHash, newPayloadRequestRoot: hexlify(root), status: valid ? 'VALID' : 'INVALID', ...(valid ? {} : { reason: verdict }) }));
    return valid ? 0 : 1;
  },
};
export default verifyBlock;
