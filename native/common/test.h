// A minimal unit-test harness: OP_TEST(name) { ... CHECK(...); } and one main per test binary.
// Each binary is one ctest test; a failed CHECK reports file:line and the binary exits non-zero.
#pragma once
#include <exception>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <string>
#include <vector>

namespace oneproof::testing {
struct Case { const char* name; std::function<void()> fn; };
inline std::vector<Case>& registry() { static std::vector<Case> r; return r; }
inline int& failures() { static int f = 0; return f; }
struct Registrar { Registrar(const char* n, std::function<void()> f) { registry().push_back({n, std::move(f)}); } };
inline void fail(const char* file, int line, const std::string& what) {
  std::fprintf(stderr, "%s:%d: CHECK failed: %s\n", file, line, what.c_str());
  ++failures();
}
}  // namespace oneproof::testing

#define OP_TEST_CAT2(a, b) a##b
#define OP_TEST_CAT(a, b) OP_TEST_CAT2(a, b)
#define OP_TEST(name)                                                                          \
  static void name();                                                                          \
  static ::oneproof::testing::Registrar OP_TEST_CAT(op_test_reg_, name)(#name, name);          \
  static void name()

#define CHECK(cond)                                                                            \
  do { if (!(cond)) ::oneproof::testing::fail(__FILE__, __LINE__, #cond); } while (0)
#define CHECK_EQ(a, b)                                                                         \
  do { if (!((a) == (b))) ::oneproof::testing::fail(__FILE__, __LINE__, #a " == " #b); } while (0)
#define REQUIRE(cond)                                                                          \
  do { if (!(cond)) { ::oneproof::testing::fail(__FILE__, __LINE__, #cond); return; } } while (0)

// Define OP_TEST_MAIN in exactly one source of each test binary (op_add_test does it for you).
#ifdef OP_TEST_MAIN
int main(int argc, char** argv) {
  const char* only = argc > 1 ? argv[1] : nullptr;  // optional filter: run cases whose name contains it
  int ran = 0;
  for (auto& c : ::oneproof::testing::registry()) {
    if (only && std::string(c.name).find(only) == std::string::npos) continue;
    int before = ::oneproof::testing::failures();
    try {
      c.fn();
    } catch (const std::exception& e) {  // a case that throws fails; the others still run
      ::oneproof::testing::fail(c.name, 0, std::string("uncaught exception: ") + e.what());
    }
    ++ran;
    std::printf("%s %s\n", ::oneproof::testing::failures() == before ? "ok  " : "FAIL", c.name);
    std::fflush(stdout);
  }
  std::printf("%d cases, %d failed checks\n", ran, ::oneproof::testing::failures());
  return ::oneproof::testing::failures() == 0 && ran > 0 ? 0 : 1;
}
#endif
