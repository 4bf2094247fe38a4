// Differential test against qemu-riscv32: random rv32im programs (arithmetic, forward branches and
// jumps, loads/stores into a scratch buffer) end by writing their registers and the scratch buffer
// to stdout; our emulator (plain and tracing) must print exactly what qemu prints. Each ecall sets
// both t0 (our syscall number) and a7 (the Linux one), so the same ELF runs on both.
// Exits 77 (ctest SKIP) when qemu-riscv32 is not installed.
#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <random>
#include <string>

#include "common/test.h"
#include "oneproof/syscalls.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {
constexpr uint32_t kBase = 31;            // x31 holds the scratch buffer's address; never written
constexpr uint32_t kCodeBase = 30;        // x30 holds the text base, for jalr; never written
constexpr int32_t kScratchBytes = 1024;   // random loads/stores stay in [0, 1024)
constexpr int32_t kDumpOffset = 1024;     // x1..x30 are stored at [1024, 1144)
constexpr uint32_t kOutputBytes = 1152;

bool have_qemu() { return std::system("command -v qemu-riscv32 >/dev/null 2>&1") == 0; }

std::vector<uint8_t> run_qemu(const std::string& path, int& status) {
  const std::string cmd = "qemu-riscv32 -cpu rv32,c=false,a=false,f=false,d=false " + path;
  FILE* p = popen(cmd.c_str(), "r");
  std::vector<uint8_t> out;
  if (!p) { status = -1; return out; }
  uint8_t buf[4096];
  size_t n;
  while ((n = fread(buf, 1, sizeof buf, p)) > 0) out.insert(out.end(), buf, buf + n);
  status = pclose(p);
  return out;
}

struct Generator {
  std::mt19937 rng;
  explicit Generator(uint32_t seed) : rng(seed) {}
  uint32_t pick(uint32_t n) { return rng() % n; }
  uint32_t dest() { return pick(30); }          // x0..x29
  uint32_t src() { return pick(32); }           // x0..x31
  int32_t imm12() { return int32_t(pick(4096)) - 2048; }
  uint32_t value() {  // edge values are more interesting than uniform ones
    static constexpr uint32_t kEdges[] = {0, 1, 2, 0xffffffffu, 0x80000000u, 0x7fffffffu, 31, 32, 33, 0xfffffffeu};
    return pick(3) == 0 ? kEdges[pick(10)] : uint32_t(rng());
  }

  std::vector<uint32_t> program(uint32_t body_len) {
    Assembler a;
    a.li(kBase, kDataBase);
    a.li(kCodeBase, kTextBase);
    for (uint32_t r = 1; r < 30; ++r) a.li(r, value());
    const uint32_t body_start = a.here(), body_end = body_start + body_len;
    while (a.here() < body_end) {
      const uint32_t left = body_end - a.here();  // instructions until the epilogue
      const uint32_t kind = pick(100);
      if (kind < 30) {  // R-type: base and M extension
        static constexpr uint32_t kF7[] = {0, 0, 1, 0x20};
        const uint32_t f7 = kF7[pick(4)];
        const uint32_t f3 = f7 == 0x20 ? (pick(2) ? 0 : 5) : pick(8);
        a.emit(enc_r(0x33, f3, f7, dest(), src(), src()));
      } else if (kind < 50) {  // I-type arithmetic and shifts
        const uint32_t f3 = pick(8);
        if (f3 == 1) a.slli(dest(), src(), pick(32));
        else if (f3 == 5) pick(2) ? a.srli(dest(), src(), pick(32)) : a.srai(dest(), src(), pick(32));
        else a.emit(enc_i(0x13, f3, dest(), src(), imm12()));
      } else if (kind < 55) {
        pick(2) ? a.lui(dest(), uint32_t(rng())) : a.auipc(dest(), uint32_t(rng()));
      } else if (kind < 67) {  // aligned load from the scratch buffer
        static constexpr uint32_t kF3[] = {0, 1, 2, 4, 5}, kSize[] = {1, 2, 4, 1, 2};
        const uint32_t k = pick(5);
        a.load(kF3[k], dest(), kBase, int32_t(pick(kScratchBytes / kSize[k]) * kSize[k]));
      } else if (kind < 77) {  // aligned store into the scratch buffer
        const uint32_t size_log = pick(3);
        a.store(size_log, src(), kBase, int32_t(pick(kScratchBytes >> size_log) << size_log));
      } else if (kind < 90 && left >= 2) {  // forward branch over 0..6 instructions
        static constexpr uint32_t kF3[] = {0, 1, 4, 5, 6, 7};
        const uint32_t skip = pick(std::min<uint32_t>(left - 1, 7));
        const uint32_t r1 = src();
        a.branch(kF3[pick(6)], r1, pick(4) == 0 ? r1 : src(), int32_t(4 * (skip + 1)));
      } else if (kind < 95 && left >= 2) {  // forward jal
        a.jal(dest(), int32_t(4 * (1 + pick(std::min<uint32_t>(left - 1, 5)))));
      } else if (left >= 2) {  // jalr forward from the text base, sometimes with bit 0 set in the offset
        const uint32_t target = a.here() + 1 + pick(std::min<uint32_t>(left - 1, 5));
        a.jalr(dest(), kCodeBase, int32_t(4 * target + pick(2)));
      } else {
        a.addi(dest(), src(), imm12());
      }
    }
    for (uint32_t r = 1; r < 31; ++r) a.sw(r, kBase, kDumpOffset + int32_t(4 * (r - 1)));
    a.li(reg::a0, 1);
    a.addi(reg::a1, kBase, 0);
    a.li(reg::a2, kOutputBytes);
    a.syscall(OP_SYS_WRITE, 64);
    a.li(reg::a0, 0);
    a.syscall(OP_SYS_HALT, 93);
    return a.words;
  }
};
}  // namespace

OP_TEST(random_programs_match_qemu) {
  if (!have_qemu()) {
    std::printf("SKIP: qemu-riscv32 not found (apt-get install qemu-user)\n");
    std::exit(77);
  }
  char dir_template[] = "/tmp/op_vm_qemu_XXXXXX";
  const char* dir = mkdtemp(dir_template);
  REQUIRE(dir != nullptr);
  const std::string path = std::string(dir) + "/prog.elf";
  int mismatches = 0;
  for (uint32_t seed = 1; seed <= 150 && mismatches < 3; ++seed) {
    Generator gen(seed);
    const auto words = gen.program(150 + seed % 100);
    std::vector<uint8_t> data(0x1000);
    for (auto& b : data) b = uint8_t(gen.rng());
    const auto elf = simple_elf(words, 0x1000, data);
    FILE* f = std::fopen(path.c_str(), "wb");
    REQUIRE(f != nullptr);
    std::fwrite(elf.data(), 1, elf.size(), f);
    std::fclose(f);
    chmod(path.c_str(), 0755);

    int status = 0;
    const auto expected = run_qemu(path, status);
    CHECK_EQ(status, 0);
    CHECK_EQ(expected.size(), size_t(kOutputBytes));
    const Program program = load_elf(elf);
    const auto ours = execute(program, {});
    const auto traced = execute_traced(program, {});
    CHECK_EQ(ours.exit_code, 0u);
    CHECK(traced.result.stdout_bytes == ours.stdout_bytes);
    CHECK_EQ(traced.result.cycles, ours.cycles);
    if (ours.stdout_bytes != expected) {
      ++mismatches;
      std::fprintf(stderr, "seed %u: output differs from qemu\n", seed);
      for (size_t i = 0; i + 4 <= std::min(expected.size(), ours.stdout_bytes.size()); i += 4)
        if (std::memcmp(&expected[i], &ours.stdout_bytes[i], 4) != 0)
          std::fprintf(stderr, "  offset %zu (register x%d, 0 = scratch): qemu %02x%02x%02x%02x ours %02x%02x%02x%02x\n", i,
                       i >= size_t(kDumpOffset) ? int(1 + (i - kDumpOffset) / 4) : 0,
                       expected[i + 3], expected[i + 2], expected[i + 1], expected[i], ours.stdout_bytes[i + 3],
                       ours.stdout_bytes[i + 2], ours.stdout_bytes[i + 1], ours.stdout_bytes[i]);
    }
  }
  CHECK_EQ(mismatches, 0);
  unlink(path.c_str());
  rmdir(dir);
}
