// Emulator throughput (per thread CPU second), as a JSON array of figures {name, value, unit, params}.
//   op_bench_zkvm --write-loop <out.elf> [--quick]   writes the generated compute loop ELF
//   op_bench_zkvm [--quick] <guest.elf>...           runs each ELF plain and traced; prints figures
// The loop ELF halts through both our ABI (t0) and Linux (a7 = 93), so qemu-riscv32 runs it too
// (bench/zkvm.bench.ts times qemu on the same files).
#include <sys/stat.h>

#include <time.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <string>

#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {
// An arithmetic/memory mix: per iteration 12 instructions (add, xor, shifts, mul, lw/sw, branch).
std::vector<uint8_t> loop_elf(uint32_t iterations) {
  Assembler a;
  a.li(1, kDataBase);
  a.li(2, iterations);
  a.li(3, 0x9e3779b9u);
  a.li(4, 1);
  const uint32_t loop = a.here();
  a.add(4, 4, 3);
  a.xor_(5, 4, 2);
  a.slli(6, 5, 7);
  a.srli(7, 5, 3);
  a.mul(8, 6, 7);
  a.andi(9, 2, 0xfc);
  a.add(9, 9, 1);
  a.lw(10, 9, 0);
  a.add(10, 10, 8);
  a.sw(10, 9, 0);
  a.addi(2, 2, -1);
  a.bne(2, 0, int32_t(4 * loop) - int32_t(4 * a.here()));
  a.li(reg::a0, 0);
  a.halt();
  return simple_elf(a.words);
}

std::vector<uint8_t> read_file(const char* path) {
  std::ifstream f(path, std::ios::binary);
  if (!f) throw std::runtime_error(std::string("cannot read ") + path);
  return {std::istreambuf_iterator<char>(f), {}};
}

// CPU time of this thread: on a shared, loaded machine it is far steadier than wall time.
double cpu_now() {
  timespec ts{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

template <class F>
double seconds(F&& f) {
  const double t0 = cpu_now();
  f();
  return cpu_now() - t0;
}

std::string basename(const std::string& p) { return p.substr(p.find_last_of('/') + 1); }
}  // namespace

int main(int argc, char** argv) {
  bool quick = false;
  const char* write_loop = nullptr;
  std::vector<std::string> elfs;
  for (int i = 1; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--quick")) quick = true;
    else if (!std::strcmp(argv[i], "--write-loop") && i + 1 < argc) write_loop = argv[++i];
    else elfs.emplace_back(argv[i]);
  }
  const uint32_t iterations = quick ? 1'000'000 : 20'000'000;
  try {
    if (write_loop) {
      const auto elf = loop_elf(iterations);
      std::ofstream(write_loop, std::ios::binary).write(reinterpret_cast<const char*>(elf.data()), std::streamsize(elf.size()));
      chmod(write_loop, 0755);  // qemu-user only runs executable files
      return 0;
    }
    std::string out = "[";
    for (const std::string& path : elfs) {
      const Program program = load_elf(read_file(path.c_str()));
      ExecutionResult r;
      double best = 1e30;
      for (int rep = 0; rep < (quick ? 1 : 3); ++rep) best = std::min(best, seconds([&] { r = execute(program, {}); }));
      // Tracing keeps every cycle's record (~100 bytes) in memory: only runs up to 2^22 cycles.
      double traced_s = 0;
      uint64_t traced_cycles = 0;
      if (r.cycles <= (uint64_t(1) << 22)) {
        traced_s = seconds([&] { traced_cycles = execute_traced(program, {}).result.cycles; });
      }
      char buf[512];
      std::snprintf(buf, sizeof buf,
                    "%s{\"name\":\"zkvm_emulator_mips\",\"value\":%.1f,\"unit\":\"Minstr/s\",\"params\":{\"elf\":\"%s\",\"cycles\":%llu,\"cpuSeconds\":%.4f}}",
                    out.size() > 1 ? "," : "", double(r.cycles) / best / 1e6, basename(path).c_str(),
                    static_cast<unsigned long long>(r.cycles), best);
      out += buf;
      if (traced_cycles) {
        std::snprintf(buf, sizeof buf,
                      ",{\"name\":\"zkvm_trace_mips\",\"value\":%.1f,\"unit\":\"Minstr/s\",\"params\":{\"elf\":\"%s\",\"cycles\":%llu,\"cpuSeconds\":%.4f}}",
                      double(traced_cycles) / traced_s / 1e6, basename(path).c_str(),
                      static_cast<unsigned long long>(traced_cycles), traced_s);
        out += buf;
      }
    }
    std::printf("%s]\n", out.c_str());
  } catch (const std::exception& e) {
    std::fprintf(stderr, "op_bench_zkvm: %s\n", e.what());
    return 1;
  }
  return 0;
}
