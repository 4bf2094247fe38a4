// `oneproof zkvm run <elf> [--input <file>] [--json] [--max-cycles <n>] [--profile [--top <n>]]`:
// executes a guest in the emulator and prints its cycles, exit code, public values and output;
// --profile also prints the functions the cycles were spent in and the cost groups' shares
// (native/vm/profile.h: by call stack and by containing function).
// Exit status: 0 when the guest ran to HALT (whatever its exit code, which is printed), 1 when the
// guest faulted or hit the cycle limit, 2 on usage errors, unreadable files or a malformed ELF.
import { isZkvmError, zkvmProfile, zkvmRun, type ZkvmProfileResult, type ZkvmRunResult } from '../../native/zkvm.js';
import type { Command } from '../command.js';
import { hex, readBytes, UsageError } from '../io.js';

const usage = `usage: oneproof zkvm run <guest.elf> [--input <file>] [--json] [--max-cycles <n>] [--profile [--top <n>]]

Runs an rv32im guest in the oneproof emulator until it halts and prints the cycle count, the guest's
exit code, its public values (hex) and what it wrote to stdout/stderr.
  --input <file>      private input the guest reads with READ (default: none)
  --json              print one JSON object instead of text
  --max-cycles <n>    stop with an error after n cycles (default 2^32)
  --profile           attribute cycles to the ELF's functions (its .symtab) and print the top
                      ones and the shares of keccak, signature recovery, trie and other work
  --top <n>           how many functions --profile lists (default 20)
Exit status: 0 guest halted, 1 execution error, 2 usage, I/O or ELF error.`;

interface RunArgs {
  elf: string;
  input?: string;
  json: boolean;
  maxCycles?: number;
  profile: boolean;
  top: number;
}

export function parseRunArgs(args: string[]): RunArgs {
  let elf: string | undefined;
  let input: string | undefined;
  let json = false;
  let maxCycles: number | undefined;
  let profile = false;
  let top: number | undefined;
  const positive = (flag: string, v: string) => {
    if (!/^[1-9][0-9]*$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`${flag} must be a positive integer, got '${v}'`);
    return Number(v);
  };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = () => {
      const v = args[++i];
      if (v === undefined) throw new UsageError(`${a} needs a value`);
      return v;
    };
    if (a === '--input') input = value();
    else if (a === '--json') json = true;
    else if (a === '--profile') profile = true;
    else if (a === '--top') top = positive(a, value());
    else if (a === '--max-cycles') {
      const v = value();
      if (!/^[1-9][0-9]*$/.test(v) || !Number.isSafeInteger(Number(v))) throw new UsageError(`--max-cycles must be a positive integer, got '${v}'`);
      maxCycles = Number(v);
    } else if (a.startsWith('-')) throw new UsageError(`unknown option ${a}`);
    else if (elf === undefined) elf = a;
    else throw new UsageError(`unexpected argument '${a}'`);
  }
  if (elf === undefined) throw new UsageError('missing <guest.elf>');
  if (top !== undefined && !profile) throw new UsageError('--top needs --profile');
  return { elf, input, json, maxCycles, profile, top: top ?? 20 };
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

const percent = (part: number, whole: number) => (whole > 0 ? ((100 * part) / whole).toFixed(2) : '0.00') + '%';

function printProfile(p: ZkvmProfileResult, top: number, json: boolean): void {
  const groups = Object.fromEntries(
    Object.entries(p.groups).map(([g, cycles]) => {
      const self = p.selfGroups[g as keyof typeof p.selfGroups];
      return [g, { cycles, share: p.cycles ? cycles / p.cycles : 0, selfCycles: self }];
    }),
  );
  if (json) {
    console.log(JSON.stringify({
      cycles: p.cycles,
      exitCode: p.exitCode,
      publicValues: hex(p.publicValues),
      stdout: text(p.stdout),
      stderr: text(p.stderr),
      profile: { groups, unattributed: p.unattributed, functions: p.functions.slice(0, top) },
    }));
    return;
  }
  printResult(p, false);
  console.log(`\ncost groups     by call stack            self (own instructions)`);
  for (const [g, v] of Object.entries(groups)) {
    console.log(`  ${g.padEnd(10)} ${String(v.cycles).padStart(14)} ${percent(v.cycles, p.cycles).padStart(7)}   ${String(v.selfCycles).padStart(14)} ${percent(v.selfCycles, p.cycles).padStart(7)}`);
  }
  if (p.functions.length === 0) console.log('  (no function symbols: the ELF is stripped)');
  console.log(`\ntop ${Math.min(top, p.functions.length)} functions (self cycles)`);
  for (const f of p.functions.slice(0, top)) {
    console.log(`  ${String(f.cycles).padStart(14)}  ${percent(f.cycles, p.cycles).padStart(7)}  ${f.group.padEnd(9)}  ${f.name}`);
  }
  if (p.unattributed > 0) console.log(`  ${String(p.unattributed).padStart(14)}  ${percent(p.unattributed, p.cycles).padStart(7)}  (outside every symbol)`);
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
      const opts = parsed.maxCycles === undefined ? {} : { maxCycles: parsed.maxCycles };
      if (parsed.profile) printProfile(zkvmProfile(elf, input, opts), parsed.top, parsed.json);
      else printResult(zkvmRun(elf, input, opts), parsed.json);
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
