// `oneproof prove-block`: proves one payload (saved engine_newPayload JSON) with its witness from an
// execution client, writing the proof and its public values. Needs the native zkVM; without it
// the command says so and exits 1 (no proof is ever fabricated).
import { writeFileSync } from 'node:fs';
import { hexlify } from 'ethers';
import type { Command } from '../command.js';
import { NativeBlockProver } from '../../prover/block-prover.js';
import { checkPayloadConsistency } from '../../verify/payload-hash.js';
import { readPayloadFile } from '../../verify/payload-file.js';
import { newPayloadRequestRoot } from '../../verify/request-root.js';
import { ExecutionWitnessProvider } from '../../witness/provider.js';

const USAGE = `usage: oneproof prove-block --payload FILE --rpc URL --guest-elf FILE [--chain-id N] [--fork NAME] [--out FILE]

  --payload FILE    engine_newPayload request as JSON ({method, params}, a fixture entry, or params)
  --rpc URL         execution client JSON-RPC holding the block (witness source)
  --guest-elf FILE  the validator guest ELF
  --chain-id N      chain id (default 1)
  --fork NAME       Cancun, Prague or Osaka (default Osaka)
  --out FILE        proof output (default proof.bin; public values go to FILE.public)`;

function options(args: string[]): Map<string, string> {
  const o = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    if (!args[i].startsWith('--') || args[i + 1] === undefined) throw new Error(`bad arguments near ${args[i]}\n${USAGE}`);
    o.set(args[i], args[i + 1]);
  }
  return o;
}

const proveBlock: Command = {
  name: 'prove-block',
  summary: 'prove one execution payload with the validator guest',
  usage: USAGE,
  async run(args) {
    let o: Map<string, string>;
    try {
      o = options(args);
    } catch (e) {
      console.error((e as Error).message);
      return 2;
    }
    const payloadFile = o.get('--payload');
    const rpc = o.get('--rpc');
    if (!payloadFile || !rpc) {
      console.error(USAGE);
      return 2;
    }
    const { request } = readPayloadFile(payloadFile);
    const bad = checkPayloadConsistency(request);
    if (bad) {
      console.error(`prove-block: ${bad}`);
      return 1;
    }
    const prover = await NativeBlockProver.create(1, o.get('--guest-elf'), { chainId: Number(o.get('--chain-id') ?? 1), fork: o.get('--fork') ?? 'Osaka' });
    if (prover.unavailableReason) {
      console.error(`prove-block: ${prover.unavailableReason}`);
      return 1;
    }
    const witnesses = new ExecutionWitnessProvider(rpc);
    try {
      const t0 = performance.now();
      const w = await witnesses.fetch(request.payload.blockHash, Number(request.payload.blockNumber));
      const t1 = performance.now();
      const proof = await prover.prove({ request, witness: w.witness });
      const out = o.get('--out') ?? 'proof.bin';
      writeFileSync(out, proof.proof);
      writeFileSync(`${out}.public`, proof.publicValues);
      console.log(JSON.stringify({ blockHash: request.payload.blockHash, newPayloadRequestRoot: hexlify(newPayloadRequestRoot(request)), witnessSource: w.source, witnessMs: Math.round(t1 - t0), proveMs: Math.round(proof.proveMs), proofBytes: proof.proof.length, out }));
      return 0;
    } finally {
      witnesses.close();
      await prover.close();
    }
  },
};
export default proveBlock;
