// `oneproof zkvm prove <elf> [--input <file>] -o <proof.bin> [--params default|provable|test] [--json]`:
// runs a guest, proves the run segment by segment and writes the zkVM proof.
// Exit status: 0 proof written, 1 the run faulted or cannot be proven, 2 usage, I/O or ELF error.
import { writeFileSync } from 'node:fs';
import { isZkvmProofError, zkvmProve, type ZkvmParams } from '../../native/zkvm.js';
import type { Command } from '../command.js';
import { hex, readBytes, UsageError } from '../io.js';

const usage = `usage: oneproof zkvm prove <guest.elf> [--input <file>] -o <proof.bin> [--params <preset>]
                          [--segment-cycles <n>] [--max-cycles <n>] [--json]

Runs an rv32im guest until HALT and proves the run, cut into segments proven one by one and linked
into one statement. The proof binds the program (sha256 of the ELF, its code and initial memory),
the exit code and the public values.
  --input <file>      private input the guest reads (default: none)
  --segment-cycles <n>  cycles per segment, a power of two in [65536, 2097152] (default 1048576)
  --max-cycles <n>    give up after this many cycles without HALT (default 2^32)
  -o, --out <file>    where to write the proof
  --params <preset>   FRI parameters: default, provable or test (fast, NOT secure); verify must match
  --json              print one JSON object instead of text
Exit status: 0 proof written, 1 execution error or unprovable run, 2 usage, I/O or ELF error.`;

const PRESETS: readonly ZkvmParams[] = ['default', 'provable', 'test'];

export function parsePreset(v: string): ZkvmParams {
  if (!(PRESETS as readonly string[]).includes(v)) throw new UsageError(`--params must be one of ${PRESETS.join(', ')}, got '${v}'`);
  return v as ZkvmParams;
}

interface ProveArgs {
  elf: string;
  input?: string;
  out: string;
  params: ZkvmParams;
  segmentCycles?: number;
  maxCycles?: number;
  json: boolean;
}

function positiveInteger(flag: string, v: string): number {
  const n = Number(v);
  if (!/^[0-9]+$/.test(v) || !Number.isSafeInteger(n) || n < 1) throw new UsageError(`${flag} must be a positive integer, got '${v}'`);
  return n;
}

export function parseProveArgs(args: string[]): ProveArgs {
  let elf: string | undefined;
  let input: string | undefined;
  let out: string | undefined;
  let params: ZkvmParams = 'default';
  let segmentCycles: number | undefined;
  let maxCycles: number | undefined;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--input') input = value();
    else if (a === '-o' || a === '--out') out = value();
    else if (a === '--params') params = parsePreset(value());
    else if (a === '--segment-cycles') {
      segmentCycles = positiveInteger(a, value());
      if (segmentCycles < 65536 || segmentCycles > 2097152 || (segmentCycles & (segmentCycles - 1)) !== 0)
        throw new UsageError('--segment-cycles must be a power of two in [65536, 2097152]');
    } else if (a === '--max-cycles') maxCycles = positiveInteger(a, value());
    else if (a === '--json') json = true;
    else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (elf === undefined) elf = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (elf === undefined) throw new UsageError('missing <guest.elf>');
  if (out === undefined) throw new UsageError('missing -o <proof.bin>');
  return { elf, input, out, params, segmentCycles, maxCycles, json };
}

const prove: Command = {
  name: 'prove',
  summary: 'prove a guest run',
  usage,
  async run(args) {
    let parsed: ProveArgs | undefined;
    try {
      parsed = parseProveArgs(args);
      const elf = readBytes(parsed.elf, 'ELF');
      const input = parsed.input === undefined ? new Uint8Array() : readBytes(parsed.input, 'input');
      const r = zkvmProve(elf, input, { params: parsed.params, segmentCycles: parsed.segmentCycles, maxCycles: parsed.maxCycles });
      try {
        writeFileSync(parsed.out, r.proof);
      } catch (err) {
        throw new UsageError(`cannot write proof ${parsed.out}: ${(err as Error).message}`);
      }
      if (parsed.json) {
        console.log(JSON.stringify({ proof: parsed.out, proofBytes: r.proof.length, cycles: r.cycles, segments: r.segments, exitCode: r.exitCode, publicValues: hex(r.publicValues) }));
      } else {
        console.log(`cycles         ${r.cycles}`);
        console.log(`segments       ${r.segments}`);
        console.log(`exit code      ${r.exitCode}`);
        console.log(`public values  ${r.publicValues.length ? '0x' + hex(r.publicValues) : '(none)'}`);
        console.log(`proof          ${parsed.out} (${r.proof.length} bytes)`);
      }
      return 0;
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(`oneproof zkvm prove: ${err.message}\n\n${usage}`);
        return 2;
      }
      if (isZkvmProofError(err)) {
        if (parsed?.json) console.log(JSON.stringify({ error: { code: err.code, message: err.message } }));
        else console.error(`oneproof zkvm prove: ${err.message}`);
        return err.code === 'ZKVM_ELF' ? 2 : 1;
      }
      if (err instanceof Error && /native addon not found/.test(err.message)) {
        console.error(`oneproof zkvm prove: ${err.message}`);
        return 2;
      }
      throw err;
    }
  },
};
export default prove;
