// The guest runtime (native/guest/sdk): memory layout, exit paths, stdio flushing, allocation
// failure and the guest API's behaviour on a host (qemu) that has no input stream or precompile.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { oneproof, qemu } from './helpers.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'oneproof-runtime-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

function guest(name: string, source: string, extra: string[] = []): string {
  const src = path.join(work, name);
  writeFileSync(src, source);
  const elf = `${src}.elf`;
  const r = oneproof(['zkvm', 'build', src, '-o', elf, ...extra]);
  expect(r.code, r.stderr).toBe(0);
  return elf;
}

interface Segment {
  type: number;
  vaddr: number;
  memsz: number;
  flags: number;
}

function programHeaders(file: string): Segment[] {
  const elf = readFileSync(file);
  const phoff = elf.readUInt32LE(28);
  const phentsize = elf.readUInt16LE(42);
  const phnum = elf.readUInt16LE(44);
  return Array.from({ length: phnum }, (_, i) => {
    const at = phoff + i * phentsize;
    return { type: elf.readUInt32LE(at), vaddr: elf.readUInt32LE(at + 8), memsz: elf.readUInt32LE(at + 20), flags: elf.readUInt32LE(at + 24) };
  });
}

function symbols(file: string): Map<string, number> {
  const r = spawnSync('riscv64-unknown-elf-nm', [file], { encoding: 'utf8' });
  const map = new Map<string, number>();
  for (const line of r.stdout.split('\n')) {
    const [addr, , name] = line.trim().split(/\s+/);
    if (name) map.set(name, parseInt(addr, 16));
  }
  return map;
}

const PT_LOAD = 1, PF_X = 1, PF_W = 2;

describe('guest runtime', () => {
  it('lays out text at 0x10000 (R-X), no W+X segment, heap and stack inside the RW segment', () => {
    const elf = guest('layout.c', 'int main(void) { return 0; }\n');
    const loads = programHeaders(elf).filter((s) => s.type === PT_LOAD);
    expect(loads.length).toBe(2);
    const [text, data] = loads;
    expect(text.vaddr).toBe(0x10000);
    expect(text.flags).toBe(5); // R-X
    expect(data.flags).toBe(6); // RW-
    for (const s of loads) expect(s.flags & (PF_W | PF_X)).not.toBe(PF_W | PF_X);
    const sym = symbols(elf);
    const inData = (a: number) => a >= data.vaddr && a <= data.vaddr + data.memsz;
    for (const name of ['__bss_start', '__bss_end', '__heap_start', '__heap_end', '__stack_bottom', '__stack_top']) {
      expect(sym.has(name), name).toBe(true);
      expect(inData(sym.get(name)!), name).toBe(true);
    }
    expect(sym.get('__heap_end')! - sym.get('__heap_start')!).toBe(64 << 20);
    expect(sym.get('__stack_top')! - sym.get('__stack_bottom')!).toBe(1 << 20);
    expect(sym.get('__stack_top')).toBe(data.vaddr + data.memsz);
    expect(qemu(elf).code).toBe(0);
  });

  it('flushes buffered output and runs static destructors on exit()', () => {
    const elf = guest(
      'exit.cc',
      `#include <cstdio>
#include <cstdlib>
struct Goodbye { ~Goodbye() { std::printf(" destructor"); } } goodbye;
static void leave() { std::printf("partial line"); std::exit(3); }
int main() { leave(); }
`,
    );
    const r = qemu(elf);
    expect(r.stdout).toBe('partial line destructor');
    expect(r.code).toBe(3);
  });

  it('abort() and a pure virtual call halt with 134 and a message', () => {
    const aborting = qemu(guest('abort.c', '#include <stdlib.h>\nint main(void) { abort(); }\n'));
    expect(aborting.code).toBe(134);
    expect(aborting.stderr).toBe('oneproof: abort\n');
    // A pure virtual function called while the base class is being constructed.
    const pure = qemu(
      guest(
        'pure.cc',
        `struct Base {
  Base() { call(); }
  virtual ~Base() = default;
  void call() { run(); }
  virtual void run() = 0;
};
struct Derived final : Base { void run() override {} };
int main() { Derived d; return 0; }
`,
      ),
    );
    expect(pure.stderr).toBe('oneproof: pure virtual function called\n');
    expect(pure.code).toBe(134);
  });

  it('reports heap exhaustion: malloc returns NULL, operator new halts', () => {
    const r = qemu(
      guest(
        'oom.cc',
        `#include <cstdio>
#include <cstdlib>
int main() {
  // volatile: the results escape, so the compiler cannot assume the allocations succeed
  void *volatile big = std::malloc(100u << 20);  // more than the 64 MiB heap
  void *volatile fits = std::malloc(32u << 20);
  std::printf("big=%s fits=%s\\n", big ? "yes" : "null", fits ? "yes" : "null");
  std::fflush(stdout);
  volatile std::size_t n = 100u << 20;
  char *volatile p = new char[n];
  p[0] = 1;
  return p[0] == 1 ? 0 : 1;
}
`,
      ),
    );
    expect(r.stdout).toBe('big=null fits=yes\n');
    expect(r.stderr).toBe('oneproof: out of memory\n');
    expect(r.code).toBe(134);
  });

  it('takes other heap and stack sizes from --heap-size / --stack-size', () => {
    const source = `#include <stdio.h>
#include <stdlib.h>
int main(void) {
  void *volatile big = malloc(100u << 20);
  printf("%s\\n", big ? "allocated" : "null");
  return 0;
}
`;
    const elf = guest('bigheap.c', source, ['--heap-size', '128M', '--stack-size', '0x20000']);
    const sym = symbols(elf);
    expect(sym.get('__heap_end')! - sym.get('__heap_start')!).toBe(128 << 20);
    expect(sym.get('__stack_top')! - sym.get('__stack_bottom')!).toBe(0x20000);
    expect(qemu(elf).stdout).toBe('allocated\n');
    expect(qemu(guest('smallheap.c', source)).stdout).toBe('null\n');

    const bad = oneproof(['zkvm', 'build', path.join(work, 'bigheap.c'), '-o', path.join(work, 'bad.elf'), '--heap-size', '3G']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/--heap-size 3G: expected bytes/);
    const huge = oneproof(['zkvm', 'build', path.join(work, 'bigheap.c'), '-o', path.join(work, 'bad.elf'), '--stack-size', '2048M']);
    expect(huge.code).toBe(1);
    expect(huge.stderr).toMatch(/stack size .* 4 KiB to 1 GiB/);
  });

  it('on qemu: no input (length 0), commit is a no-op, reading input halts with a message', () => {
    const r = qemu(
      guest(
        'input.c',
        `#include <oneproof/guest.h>
#include <stdio.h>
int main(void) {
  op_commit("x", 1);
  printf("len=%u\\n", (unsigned)op_input_len());
  fflush(stdout);
  char buf[4];
  op_read(buf, sizeof buf);
  return 0;
}
`,
      ),
    );
    expect(r.stdout).toBe('len=0\n');
    expect(r.stderr).toBe('oneproof: this host has no input stream (op_read)\n');
    expect(r.code).toBe(134);
  });

  it('supports the out-of-line libc++ pieces: unordered containers, to_string, shared/weak_ptr', () => {
    const r = qemu(
      guest(
        'libcxx.cc',
        `#include <cstdio>
#include <memory>
#include <string>
#include <unordered_map>
struct Tracked {
  ~Tracked() { std::printf("destroyed "); }
};
int main() {
  std::unordered_map<std::string, int> m;
  for (int i = 0; i < 1000; i++) m["k" + std::to_string(i * -7)] = i;
  auto p = std::make_shared<Tracked>();
  std::weak_ptr<Tracked> w = p;
  bool alive = w.lock() != nullptr;
  p.reset();
  bool expired = w.lock() == nullptr && w.expired();
  std::printf("size=%zu k-6993=%d buckets_prime=%d alive=%d expired=%d %s\\n", m.size(), m["k-6993"],
              m.bucket_count() > 1000, alive, expired, std::to_string(18446744073709551615ull).c_str());
  return 0;
}
`,
      ),
    );
    expect(r.stdout).toBe('destroyed size=1000 k-6993=999 buckets_prime=1 alive=1 expired=1 18446744073709551615\n');
    expect(r.code).toBe(0);
  });

  it('op_halt ends the program at once with its code', () => {
    const r = qemu(
      guest('halt.c', '#include <oneproof/guest.h>\n#include <stdio.h>\nint main(void) { op_halt(9); puts("not reached"); return 0; }\n'),
    );
    expect(r.stdout).toBe('');
    expect(r.code).toBe(9);
  });
});
