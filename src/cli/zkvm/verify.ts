// `oneproof zkvm verify <elf> <proof.bin> [--params default|provable|test] [--json]`: checks a zkVM
// proof against the guest ELF and prints the proven exit code and public values.
// Exit status: 0 valid, 1 invalid proof, 2 usage or I/O error or a file that is not a zkVM proof.
import { createHash } from 'node:crypto';
import { isZkvmProofError, zkvmVerify, type ZkvmParams } from '../../native/zkvm.js';
import type { Command } from '../command.js';
import { hex, readBytes, UsageError } from '../io.js';
import { parsePreset } from './prove.js';

const usage = `usage: oneproof zkvm verify <guest.elf> <proof.bin> [--params <preset>] [--json]

Verifies a proof made by \`oneproof zkvm prove\` against the guest ELF it claims to prove.
  --params <preset>   FRI parameters the proof was made with: default, provable or test
  --json              print one JSON object instead of text
Exit status: 0 valid, 1 invalid proof, 2 usage or I/O error, or a file that is not a zkVM proof.`;

interface VerifyArgs {
  elf: string;
  proof: string;
  params: ZkvmParams;
  json: boolean;
}

export function parseVerifyArgs(args: string[]): VerifyArgs {
  const positional: string[] = [];
  let params: ZkvmParams = 'default';
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--params') {
      const v = args[++i];
      if (v === undefined) throw new UsageError('--params needs a value');
      params = parsePreset(v);
    } else if (a === '--json') json = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new UsageError('expected <guest.elf> <proof.bin>');
  return { elf: positional[0], proof: positional[1], params, json };
}

/** The public values' digest: what a statement about this run commits to. */
const sha256Hex = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

const verify: Command = {
  name: 'verify',
  summary: 'verify a zkVM proof against its guest ELF',
  usage,
  async run(args) {
    let parsed: VerifyArgs | undefined;
    try {
      parsed = parseVerifyArgs(args);
      const elf = readBytes(parsed.elf, 'ELF');
      const proof = readBytes(parsed.proof, 'proof');
      const r = zkvmVerify(elf, proof, { params: parsed.params });
      if (parsed.json) console.log(JSON.stringify({ valid: true, exitCode: r.exitCode, segments: r.segments, publicValues: hex(r.publicValues), publicValuesDigest: sha256Hex(r.publicValues) }));
      else {
        console.log('proof          valid');
        console.log(`exit code      ${r.exitCode}`);
        console.log(`segments       ${r.segments}`);
        console.log(`public values  ${r.publicValues.length ? '0x' + hex(r.publicValues) : '(none)'}`);
        console.log(`values sha256  0x${sha256Hex(r.publicValues)}`);
      }
      return 0;
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(`oneproof zkvm verify: ${err.message}\n\n${usage}`);
        return 2;
      }
      if (isZkvmProofError(err) && err.code === 'ZKVM_INVALID_PROOF') {
        if (parsed?.json) console.log(JSON.stringify({ valid: false, malformed: !!err.malformed, error: err.message }));
        else console.error(`oneproof zkvm verify: ${err.message}`);
        return err.malformed ? 2 : 1;
      }
      if (err instanceof Error && /native addon not found/.test(err.message)) {
        console.error(`oneproof zkvm verify: ${err.message}`);
        return 2;
      }
      throw err;
    }
  },
};
export default verify;
