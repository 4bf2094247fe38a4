// keccak-f[1600] against FIPS 202 / Keccak team vectors, and the KECCAK_PERMUTE syscall end to end.
#include <cstring>

#include "common/test.h"
#include "oneproof/syscalls.h"
#include "vm/elf.h"
#include "vm/keccak.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {
// Keccak-256 (the Ethereum padding 0x01, rate 136) built on the permutation.
std::vector<uint8_t> keccak256(const std::vector<uint8_t>& msg) {
  uint64_t s[25] = {};
  std::vector<uint8_t> padded = msg;
  padded.push_back(0x01);
  while (padded.size() % 136) padded.push_back(0);
  padded.back() |= 0x80;
  for (size_t off = 0; off < padded.size(); off += 136) {
    for (int i = 0; i < 17; ++i) {
      uint64_t lane;
      std::memcpy(&lane, padded.data() + off + 8 * i, 8);
      s[i] ^= lane;
    }
    keccak_f1600(s);
  }
  std::vector<uint8_t> out(32);
  std::memcpy(out.data(), s, 32);
  return out;
}
std::vector<uint8_t> unhex(const char* h) {
  std::vector<uint8_t> out;
  for (size_t i = 0; h[i] && h[i + 1]; i += 2) out.push_back(uint8_t(std::stoul(std::string(h + i, 2), nullptr, 16)));
  return out;
}
}  // namespace

OP_TEST(permutation_of_zero_state) {
  // Keccak team's KeccakF-1600 intermediate values: first lanes after permuting the all-zero state.
  uint64_t s[25] = {};
  keccak_f1600(s);
  CHECK_EQ(s[0], 0xF1258F7940E1DDE7ull);
  CHECK_EQ(s[1], 0x84D5CCF933C0478Aull);
}

OP_TEST(keccak256_vectors) {
  CHECK(keccak256({}) == unhex("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"));
  CHECK(keccak256({'a', 'b', 'c'}) == unhex("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"));
  std::vector<uint8_t> long_msg(200, 0x61);  // crosses the 136-byte rate
  CHECK(keccak256(long_msg) != keccak256(std::vector<uint8_t>(199, 0x61)));
}

OP_TEST(syscall_permutes_guest_memory) {
  // The guest permutes a zero state at 0x20000 twice and commits it.
  Assembler a;
  a.li(reg::a0, kDataBase);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  a.li(reg::a0, kDataBase);
  a.syscall(OP_SYS_KECCAK_PERMUTE);
  a.li(reg::a0, kDataBase);
  a.li(reg::a1, 200);
  a.syscall(OP_SYS_COMMIT);
  a.li(reg::a0, 0);
  a.halt();
  const auto r = execute(load_elf(simple_elf(a.words)), {});
  uint64_t expected[25] = {};
  keccak_f1600(expected);
  keccak_f1600(expected);
  REQUIRE(r.public_values.size() == 200);
  CHECK(std::memcmp(r.public_values.data(), expected, 200) == 0);

  // A misaligned or unmapped state pointer is an error.
  Assembler bad;
  bad.li(reg::a0, kDataBase + 2);
  bad.syscall(OP_SYS_KECCAK_PERMUTE);
  bad.halt();
  bool threw = false;
  try { execute(load_elf(simple_elf(bad.words)), {}); } catch (const ExecutionError& e) { threw = std::string(e.what()).find("aligned") != std::string::npos; }
  CHECK(threw);
  Assembler past;
  past.li(reg::a0, kDataBase + 0x1000 - 100);  // runs past the end of the data segment
  past.syscall(OP_SYS_KECCAK_PERMUTE);
  past.halt();
  threw = false;
  try { execute(load_elf(simple_elf(past.words)), {}); } catch (const ExecutionError& e) { threw = std::string(e.what()).find("KECCAK_PERMUTE") != std::string::npos; }
  CHECK(threw);
}
