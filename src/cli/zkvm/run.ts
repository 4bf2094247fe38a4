// `oneproof zkvm run <elf> [--input <file>] [--json] [--max-cycles <n>]`: executes a guest in the
// emulator and prints its cycles, exit code, public values and output.
// Exit status: 0 when the guest ran to HALT (whatever its exit code, which is printed), 1 when the
// guest faulted or hit the cycle limit, 2 on usage errors, unreadable files or a malformed ELF.
import { isZkvmError, zkvmRun, type ZkvmRunResult } from '../../native/zkvm.js';
import type { Command } from '../command.js';
import { hex, readBytes, UsageError } from '../io.js';

const usage = `usage: oneproof zkvm run <guest.elf> [--input <file>] [--json] [--max-cycles <n>]

Runs an rv32im guest in the oneproof emulator until it halts and prints the cycle count, the guest's
exit code, its public values (hex) and what it wrote to stdout/stderr.
  --input <file>      private input the guest reads with READ (default: none)
  --json              print one JSON object instead of text
  --max-cycles <n>    stop with an error after n cycles (default 2^32)
Exit status: 0 guest halted, 1 execution error, 2 usage, I/O or ELF error.`;

interface RunArgs {
  elf: string;
  input?: string;
  json: boolean;
  maxCycles?: number;
}

export function parseRunArgs(args: string[]): RunArgs {
  let elf: string | undefined;
  let input: string | undefined;
  let json = false;
  let maxCycles: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--input') input = value();
    else if (a === '--json') json = true;
    else if (a === '--max-cycles') {
      const v = value();
      if (!/^[1-9][0-9]*$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--max-cycles must be a positive integer, got '${v}'`);
      maxCycles = Number(v);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (elf === undefined) elf = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (elf === undefined) throw new UsageError('missing <guest.elf>');
  return { elf, input, json, maxCycles };
}

const text = (b: Uint8Array) => Buffer.from(b).toString('utf8');

function printResult(r: ZkvmRunResult, json: boolean): void {
  if (json) {
    console.log(JSON.stringify({
      cycles: r.cycles,
      exitCode: r.exitCode,
      publicValues: hex(r.publicValues),
      stdout: text(r.stdout),
      stderr: text(r.stderr),
    }));
    return;
  }
  process.stdout.write(Buffer.from(r.stdout));
  process.stderr.write(Buffer.from(r.stderr));
  console.log(`cycles         ${r.cycles}`);
  console.log(`exit code      ${r.exitCode}`);
  console.log(`public values  ${r.publicValues.length ? '0x' + hex(r.publicValues) : '(none)'}`);
}

const run: Command = {
  name: 'run',
  summary: 'execute an rv32im guest in the emulator',
  usage,
  async run(args) {
    let parsed: RunArgs | undefined;
    try {
      parsed = parseRunArgs(args);
      const elf = readBytes(parsed.elf, 'ELF');
      const input = parsed.input === undefined ? new Uint8Array() : readBytes(parsed.input, 'input');
      const result = zkvmRun(elf, input, parsed.maxCycles === undefined ? {} : { maxCycles: parsed.maxCycles });
      printResult(result, parsed.json);
      return 0;
    } catch (err) {
      if (err instanceof UsageError) {
        console.error(`oneproof zkvm run: ${err.message}\n\n${usage}`);
        return 2;
      }
      if (isZkvmError(err)) {
        const status = err.code === 'ZKVM_EXECUTION' ? 1 : 2;
        if (parsed?.json) {
          console.log(JSON.stringify({ error: { code: err.code, message: err.message, pc: err.pc, insn: err.insn, cycle: err.cycle } }));
        } else {
          console.error(`oneproof zkvm run: ${err.message}`);
        }
        return status;
      }
      if (err instanceof Error && /native addon not found/.test(err.message)) {
        console.error(`oneproof zkvm run: ${err.message}`);
        return 2;
      }
      throw err;
    }
  },
};
export default run;
