// zkVM proving throughput, as a JSON array of figures {name, value, unit, params}:
//   op_bench_zkvm_prove [--cycles N] [--segment-cycles S] [--params default|test]
// proves a generated arithmetic/memory loop of about N cycles cut into segments of S cycles and
// reports cycles per wall second and per CPU second (all threads), proof size, verify time and
// committed trace cells per cycle (main traces and LogUp traces of every table of every part).
#include <time.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <thread>

#include "stark/serialize.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"
#include "zkvm/prove.h"

using namespace oneproof;
using namespace oneproof::vm::testing;

namespace {
// 12 instructions per iteration: add, xor, shifts, mul, lw/sw, branch (as the emulator bench).
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

double process_cpu_seconds() {
  timespec ts{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return double(ts.tv_sec) + 1e-9 * double(ts.tv_nsec);
}

// Committed cells: main and LogUp trace width times height, over every table of every part.
double committed_cells(const zkvm::ZkvmProof& p) {
  double cells = 0;
  auto add = [&](const std::vector<uint8_t>& bytes) {
    const stark::StarkProof sp = stark::deserialize_proof(bytes);
    for (const auto& t : sp.tables) cells += double(t.main.local.size() + t.permutation.local.size()) * double(1ull << t.log_height);
  };
  for (const auto& s : p.segments) add(s.stark_proof);
  add(p.global_proof);
  return cells;
}
}  // namespace

int main(int argc, char** argv) {
  uint64_t cycles = 1u << 22;
  uint32_t segment = 1u << 20;
  std::string preset = "default";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    auto next = [&]() -> const char* {
      if (i + 1 >= argc) { std::fprintf(stderr, "%s needs a value\n", a.c_str()); std::exit(2); }
      return argv[++i];
    };
    if (a == "--cycles") cycles = std::strtoull(next(), nullptr, 0);
    else if (a == "--segment-cycles") segment = uint32_t(std::strtoul(next(), nullptr, 0));
    else if (a == "--params") preset = next();
    else { std::fprintf(stderr, "usage: op_bench_zkvm_prove [--cycles N] [--segment-cycles S] [--params default|test]\n"); return 2; }
  }
  zkvm::ProveOptions o;
  o.params = preset == "test" ? fri::TEST_PARAMS : fri::DEFAULT_PARAMS;
  o.segment_cycles = segment;
  const auto elf = loop_elf(uint32_t(std::max<uint64_t>(1, (cycles - 8) / 12)));

  const auto w0 = std::chrono::steady_clock::now();
  const double c0 = process_cpu_seconds();
  const zkvm::ProveResult r = zkvm::prove(elf, {}, o);
  const double prove_wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - w0).count();
  const double prove_cpu = process_cpu_seconds() - c0;
  const auto v0 = std::chrono::steady_clock::now();
  const zkvm::VerifyResult v = zkvm::verify(elf, r.proof, o.params);
  const double verify_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - v0).count();
  if (!v.ok) { std::fprintf(stderr, "the proof did not verify: %s\n", v.error.c_str()); return 1; }
  const double cells = committed_cells(zkvm::deserialize(r.proof));

  const unsigned threads = std::thread::hardware_concurrency();
  const std::string params = "{\"cycles\": " + std::to_string(r.cycles) + ", \"segment_cycles\": " + std::to_string(segment) +
                             ", \"segments\": " + std::to_string(r.segments) + ", \"fri\": \"" + preset + "\", \"threads\": " +
                             std::to_string(threads) + "}";
  auto fig = [&](const char* name, double value, const char* unit, bool last = false) {
    std::printf("  {\"name\": \"%s\", \"value\": %.6g, \"unit\": \"%s\", \"params\": %s}%s\n", name, value, unit, params.c_str(), last ? "" : ",");
  };
  std::printf("[\n");
  fig("zkvm_prove_cycles_per_s", double(r.cycles) / prove_wall, "cycles/s");
  fig("zkvm_prove_cycles_per_cpu_s", double(r.cycles) / prove_cpu, "cycles/cpu-s");
  fig("zkvm_prove_wall_s", prove_wall, "s");
  fig("zkvm_proof_bytes", double(r.proof.size()), "bytes");
  fig("zkvm_verify_ms", verify_ms, "ms");
  fig("zkvm_trace_cells_per_cycle", cells / double(r.cycles), "cells", true);
  std::printf("]\n");
  return 0;
}
