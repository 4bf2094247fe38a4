// `oneproof prove-block`: proves one block in the zkVM with the validator guest, writing the proof
// and its public values. Two inputs: a block and its witness from files (as `oneproof exec`), or a
// saved engine_newPayload with the witness fetched from an execution client. Needs the native zkVM;
// without it the command says so and exits 1 (no proof is ever fabricated).
import { readFileSync, writeFileSync } from 'node:fs';
import { hexlify } from 'ethers';
import type { Command } from '../command.js';
import { encodeValidatorInput, validateBlock } from '../../native/block.js';
import { zkvmProve, type ZkvmParams } from '../../native/zkvm.js';
import { NativeBlockProver } from '../../prover/block-prover.js';
import { validatorElfPath } from '../../prover/native-zkvm.js';
import { checkPayloadConsistency } from '../../verify/payload-hash.js';
import { readPayloadFile } from '../../verify/payload-file.js';
import { newPayloadRequestRoot } from '../../verify/request-root.js';
import { ExecutionWitnessProvider } from '../../witness/provider.js';

const USAGE = `usage: oneproof prove-block --block FILE --witness FILE [--chain FILE] [common options]
       oneproof prove-block --payload FILE --rpc URL [--chain-id N] [--fork NAME] [common options]

  --block FILE      the block RLP as hex; --witness FILE: debug_executionWitness JSON; --chain FILE:
                    {chainId, fork, blobSchedule} (as \`oneproof exec\`; default chain 1, Prague)
  --payload FILE    engine_newPayload request as JSON ({method, params}, a fixture entry, or params)
  --rpc URL         execution client JSON-RPC holding the block (witness source)
  --chain-id N      chain id (default 1);  --fork NAME: Cancun, Prague or Osaka (default Osaka)
common options:
  --guest-elf FILE  the validator guest ELF (default build/guest/validator.elf)
  --params NAME     FRI parameters: default, provable or test (fast, NOT secure); verify must match
  --segment-cycles N  cycles per zkVM segment (power of two in [65536, 2097152], default 1048576)
  -o, --out FILE    proof output (default proof.bin; public values go to FILE.public)
Exit status: 0 proven, 1 the block is invalid or cannot be proven, 2 usage or input error.`;

function options(args: string[]): Map<string, string> {
  const o = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    if (!args[i].startsWith('-') || args[i + 1] === undefined) throw new Error(`bad arguments near ${args[i]}\n${USAGE}`);
    o.set(args[i] === '-o' ? '--out' : args[i], args[i + 1]);
  }
  const params = o.get('--params');
  if (params !== undefined && !['default', 'provable', 'test'].includes(params)) throw new Error('--params must be default, provable or test');
  const seg = o.get('--segment-cycles');
  if (seg !== undefined && !(/^[0-9]+$/.test(seg) && Number(seg) >= 65536 && Number(seg) <= 2097152 && (Number(seg) & (Number(seg) - 1)) === 0))
    throw new Error('--segment-cycles must be a power of two in [65536, 2097152]');
  return o;
}

function zkvmOptionsOf(o: Map<string, string>): { params: ZkvmParams; segmentCycles?: number } {
  const seg = o.get('--segment-cycles');
  return { params: (o.get('--params') ?? 'default') as ZkvmParams, ...(seg ? { segmentCycles: Number(seg) } : {}) };
}

/** The file mode: validates natively first (an invalid block is reported, not proven), then proves. */
function proveFromFiles(o: Map<string, string>): number {
  let block: string, witness: string, chain: string | undefined, elf: Uint8Array;
  const elfPath = validatorElfPath(o.get('--guest-elf'));
  try {
    block = readFileSync(o.get('--block')!, 'utf8');
    witness = readFileSync(o.get('--witness')!, 'utf8');
    chain = o.has('--chain') ? readFileSync(o.get('--chain')!, 'utf8') : undefined;
    elf = readFileSync(elfPath);
  } catch (e) {
    console.error(`prove-block: ${(e as Error).message}`);
    return 2;
  }
  const v = validateBlock(block, witness, chain);
  if (!v.success) {
    console.error(`prove-block: block ${v.blockHash} is not provable as valid: ${v.reason}`);
    return 1;
  }
  const started = performance.now();
  let r;
  try {
    r = zkvmProve(elf, encodeValidatorInput(block, witness, chain), zkvmOptionsOf(o));
  } catch (e) {
    console.error(`prove-block: ${(e as Error).message}`);
    return 1;
  }
  const out = o.get('--out') ?? 'proof.bin';
  writeFileSync(out, r.proof);
  writeFileSync(`${out}.public`, r.publicValues);
  console.log(JSON.stringify({ blockHash: v.blockHash, cycles: r.cycles, segments: r.segments, proveMs: Math.round(performance.now() - started), proofBytes: r.proof.length, publicValues: hexlify(r.publicValues), out }));
  return 0;
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
    if (o.has('--block') || o.has('--witness')) {
      if (!o.has('--block') || !o.has('--witness')) {
        console.error(USAGE);
        return 2;
      }
      return proveFromFiles(o);
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
    const prover = await NativeBlockProver.create(1, validatorElfPath(o.get('--guest-elf')), { chainId: Number(o.get('--chain-id') ?? 1), fork: o.get('--fork') ?? 'Osaka' }, zkvmOptionsOf(o));
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
