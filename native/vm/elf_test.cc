// The ELF loader accepts well-formed rv32im executables and rejects every malformed one with a
// clear ElfError, never a crash (random, truncated and mutated inputs included).
#include <random>
#include <string>

#include "common/test.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/testing/elf_writer.h"
#include "vm/testing/rv32_asm.h"

using namespace oneproof::vm;
using namespace oneproof::vm::testing;

namespace {
std::vector<uint32_t> tiny_program() {
  Assembler a;
  a.li(reg::a0, 7);
  a.halt();
  return a.words;
}

// Returns the ElfError message, or "" when the bytes load.
std::string load_error(const std::vector<uint8_t>& bytes) {
  try {
    load_elf(bytes);
    return "";
  } catch (const ElfError& e) {
    return e.what();
  }
}
bool mentions(const std::string& message, const char* needle) { return message.find(needle) != std::string::npos; }

void put32(std::vector<uint8_t>& b, size_t off, uint32_t v) { for (int i = 0; i < 4; ++i) b[off + i] = uint8_t(v >> (8 * i)); }
constexpr size_t kPh0 = 52;  // first program header
}  // namespace

OP_TEST(loads_a_valid_executable) {
  const auto elf = simple_elf(tiny_program());
  const Program p = load_elf(elf);
  CHECK_EQ(p.entry, kTextBase);
  REQUIRE(p.segments.size() == 2);
  CHECK(p.segments[0].executable && !p.segments[0].writable && p.segments[0].readable);
  CHECK(p.segments[1].writable && !p.segments[1].executable);
  CHECK_EQ(p.segments[1].mem_size, 0x1000u);
  CHECK_EQ(execute(p, {}).exit_code, 7u);
}

OP_TEST(rejects_bad_identification) {
  auto elf = simple_elf(tiny_program());
  CHECK(mentions(load_error({}), "shorter than an ELF32 header"));
  auto bad = elf; bad[0] = 0x7e;
  CHECK(mentions(load_error(bad), "bad magic"));
  bad = elf; bad[4] = 2;
  CHECK(mentions(load_error(bad), "not ELF32"));
  bad = elf; bad[5] = 2;
  CHECK(mentions(load_error(bad), "little-endian"));
  bad = elf; bad[16] = 3;  // ET_DYN
  CHECK(mentions(load_error(bad), "not an executable"));
  bad = elf; bad[18] = 62;  // x86-64
  CHECK(mentions(load_error(bad), "not a RISC-V"));
}

OP_TEST(rejects_non_rv32im_flags) {
  const auto code = code_bytes(tiny_program());
  auto with_flags = [&](uint32_t f) { return write_elf(kTextBase, {{kTextBase, code, uint32_t(code.size()), kPfR | kPfX}}, f); };
  CHECK(mentions(load_error(with_flags(0x1)), "RVC"));
  CHECK(mentions(load_error(with_flags(0x2)), "floating-point ABI"));
  CHECK(mentions(load_error(with_flags(0x4)), "floating-point ABI"));
  CHECK(mentions(load_error(with_flags(0x8)), "RVE"));
  CHECK_EQ(load_error(with_flags(0x10)), "");  // TSO says nothing about the instruction set
}

OP_TEST(rejects_bad_segments) {
  const auto code = code_bytes(tiny_program());
  const uint32_t n = uint32_t(code.size());
  CHECK(mentions(load_error(write_elf(kTextBase, {{kTextBase, code, n, kPfR | kPfW | kPfX}})), "both writable and executable"));
  CHECK(mentions(load_error(write_elf(kTextBase, {{kTextBase, code, n, kPfR | kPfX}, {kTextBase + 8, {}, 16, kPfR | kPfW}})),
                 "overlap"));
  CHECK(mentions(load_error(write_elf(kTextBase, {{kTextBase, code, n, kPfR | kPfX}, {kTextBase + n, {}, 16, kPfR | kPfW}})),
                 "share a 4 KiB page"));
  CHECK(mentions(load_error(write_elf(kTextBase, {{kTextBase, code, n, kPfR | kPfX}, {0xfffff000u, {}, 0x2000, kPfR | kPfW}})),
                 "32-bit address space"));
  CHECK(mentions(load_error(write_elf(0x100, {{0x100, code, n, kPfR | kPfX}})), "null page"));
  CHECK(mentions(load_error(write_elf(kTextBase, {{kTextBase, code, n - 4, kPfR | kPfX}})), "file size"));
  CHECK(mentions(load_error(write_elf(kTextBase + 0x100, {{kTextBase, code, n, kPfR | kPfX}})), "entry point"));
  CHECK(mentions(load_error(write_elf(kTextBase + 2, {{kTextBase, code, n, kPfR | kPfX}})), "not 4-byte aligned"));
  CHECK(mentions(load_error(write_elf(kDataBase, {{kTextBase, code, n, kPfR | kPfX}, {kDataBase, {}, 16, kPfR | kPfW}})),
                 "not inside an executable segment"));

  auto elf = simple_elf(tiny_program());
  auto past_end = elf;
  put32(past_end, kPh0 + 4, uint32_t(elf.size()) - 4);  // p_offset: file bytes run off the end
  CHECK(mentions(load_error(past_end), "past the end of the file"));
  auto phdrs_past_end = elf;
  put32(phdrs_past_end, 28, uint32_t(elf.size()) - 8);
  CHECK(mentions(load_error(phdrs_past_end), "program headers extend past"));
  auto interp = elf;
  put32(interp, kPh0, 3);  // PT_INTERP
  CHECK(mentions(load_error(interp), "dynamic linking"));
  auto none = elf;
  put32(none, kPh0, 6);
  put32(none, kPh0 + 32, 6);
  CHECK(mentions(load_error(none), "no loadable segments"));
}

// Random bytes, every truncation and single-byte mutations: each loads or throws ElfError; the
// ones that load also run (briefly) without crashing.
OP_TEST(fuzz_never_crashes) {
  std::mt19937 rng(12345);
  const auto elf = simple_elf(tiny_program());
  size_t loaded = 0, rejected = 0;
  auto attempt = [&](const std::vector<uint8_t>& bytes) {
    try {
      const Program p = load_elf(bytes);
      ++loaded;
      RunOptions opts;
      opts.max_cycles = 1000;
      try { execute(p, {}, opts); } catch (const ExecutionError&) {}
    } catch (const ElfError&) {
      ++rejected;
    }
  };
  for (int i = 0; i < 2000; ++i) {
    std::vector<uint8_t> random(rng() % 300);
    for (auto& b : random) b = uint8_t(rng());
    if (random.size() >= 4 && i % 2) std::memcpy(random.data(), "\x7f" "ELF", 4);
    attempt(random);
  }
  for (size_t len = 0; len < elf.size(); ++len) attempt(std::vector<uint8_t>(elf.begin(), elf.begin() + long(len)));
  for (int i = 0; i < 5000; ++i) {
    auto m = elf;
    const int edits = 1 + int(rng() % 3);
    for (int e = 0; e < edits; ++e) m[rng() % m.size()] = uint8_t(rng());
    attempt(m);
  }
  CHECK(rejected > 0);
  CHECK(loaded > 0);  // mutations of code bytes still load
}
