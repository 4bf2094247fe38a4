// Shared helpers for the foundation tests: run the CLI, disassemble an ELF, run it under qemu.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function spawn(cmd: string, args: string[], timeoutMs = 60_000): Run {
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** `oneproof <args>` from dist/ (test/global-setup.ts compiles it). */
export function oneproof(args: string[]): Run {
  return spawn(process.execPath, [path.join(root, 'bin', 'oneproof.js'), ...args], 120_000);
}

/** Pure rv32im: qemu refuses compressed, atomic and floating-point instructions. */
export const QEMU_RV32IM = ['-cpu', 'rv32,c=false,a=false,f=false,d=false'];

export function qemu(elf: string): Run {
  return spawn('qemu-riscv32', [...QEMU_RV32IM, elf], 30_000);
}

/** Every instruction the oneproof zkVM executes: RV32I user level (FENCE as a no-op) plus M. */
export const RV32IM_MNEMONICS = new Set([
  'lui', 'auipc', 'jal', 'jalr', 'beq', 'bne', 'blt', 'bge', 'bltu', 'bgeu',
  'lb', 'lh', 'lw', 'lbu', 'lhu', 'sb', 'sh', 'sw',
  'addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'slli', 'srli', 'srai',
  'add', 'sub', 'sll', 'slt', 'sltu', 'xor', 'srl', 'sra', 'or', 'and',
  'fence', 'ecall',
  'mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu',
]);

/** Mnemonics of every instruction in the executable sections, without pseudo-instruction aliases. */
export function disassemble(file: string): string[] {
  const r = spawn('riscv64-unknown-elf-objdump', ['-d', '-M', 'no-aliases', file]);
  if (r.code !== 0) throw new Error(`objdump failed on ${file}: ${r.stderr}`);
  const mnemonics: string[] = [];
  // Instruction lines look like "   10074:\t00a00513          \taddi\ta0,zero,10".
  for (const line of r.stdout.split('\n')) {
    const m = /^\s*[0-9a-f]+:\t[0-9a-f ]+\t(\S+)/.exec(line);
    if (m) mnemonics.push(m[1]);
  }
  return mnemonics;
}

/** The distinct mnemonics outside RV32IM (compressed, atomic, floating-point, CSR, ...). */
export function nonRv32im(mnemonics: string[]): string[] {
  return [...new Set(mnemonics.filter((m) => !RV32IM_MNEMONICS.has(m)))].sort();
}

export const CLANG = 'clang-14';

export function clang(args: string[]): Run {
  return spawn(CLANG, args);
}
