#include <cstdio>
#include <string>

#include "common/test.h"
#include "guest/crypto/test/hex.h"
#include "guest/precompiles/p256.h"

using namespace oneproof::guest;
using namespace oneproof::guest::precompiles;
using test::hex;

// [hash][r][s][qx][qy] signed with @noble/curves 2.4.0 (p256, sha256 of "oneproof" / "p256verify").
namespace {
const char* kVectors[] = {
    "852b77d484e0a17b157041eb495fd88ed96be6b37b8ec8b573bd76eb7ae5662c9fb23d9c7cd9212a9faaecedede01286a3224a031d89ea1482d2fd7a7ec883b7c0461ed6873d9cf622fc27d4034358d9f294ce0f317cb415c5fa5e43ac4703b71e18532fd4754c02f3041d9c75ceb33b83ffd81ac7ce4fe882ccb1c98bc5896ea46c311c4e2ff40dd96a3653e6e45445d32dfe486eced75c7a90c6a18881c0a3",
    "95ad3a38d8ee14d28f393e42d601b9ec1987a0d12928f8144c8fa4a4c3d93e797041fa82ee895cddcaaf8efdf5f3d2a52f04261119711420097ac60d4a10f41c1e2c4ae5b335e44fccd40d98997de3b57e570106ed8ad9cc023f7f97fd42e9353adab15d66256bf15cd716035b3f041444e512fed1dd64d4ba75597d20e366f1546d2c90a83ebaba01595099e5f3ffbbd3384c7494de6759fdd5e65efae9cc67",
};
const std::string kN = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
bool verify(const Bytes& in) { return p256_verify(in.data(), in.size()); }
void put(Bytes& in, size_t offset, const std::string& word_hex) {
  Bytes w = hex(word_hex);
  for (size_t i = 0; i < 32; ++i) in[offset + i] = w[i];
}
}  // namespace

OP_TEST(p256_accepts_valid_signatures) {
  for (const char* v : kVectors) CHECK(verify(hex(v)));
}

OP_TEST(p256_rejects_tampering) {
  for (const char* v : kVectors) {
    Bytes good = hex(v);
    for (size_t field = 0; field < 5; ++field) {  // flip a bit in hash, r, s, qx, qy
      Bytes bad = good;
      bad[field * 32 + 31] ^= 1;
      CHECK(!verify(bad));
    }
    CHECK(!verify(Bytes(good.begin(), good.end() - 1)));  // wrong length
    Bytes longer = good;
    longer.push_back(0);
    CHECK(!verify(longer));
    Bytes zero_r = good, zero_s = good, big_r = good, big_s = good, no_key = good;
    put(zero_r, 32, std::string(64, '0'));
    put(zero_s, 64, std::string(64, '0'));
    put(big_r, 32, kN);
    put(big_s, 64, kN);
    put(no_key, 96, std::string(64, '0'));
    put(no_key, 128, std::string(64, '0'));
    CHECK(!verify(zero_r));
    CHECK(!verify(zero_s));
    CHECK(!verify(big_r));
    CHECK(!verify(big_s));
    CHECK(!verify(no_key));
  }
  // The other signer's key does not verify this message.
  Bytes mixed = hex(kVectors[0]), other = hex(kVectors[1]);
  for (size_t i = 96; i < 160; ++i) mixed[i] = other[i];
  CHECK(!verify(mixed));
}

// execution-spec-tests' P256VERIFY vectors (edge-case hashes such as 0, n, p, and the Wycheproof-
// derived valid signatures): each must verify, and each must stop verifying when s is changed.
OP_TEST(p256_eest_vectors) {
  FILE* f = std::fopen(OP_PRECOMPILES_TEST_DATA_DIR "/eest-p256verify.txt", "r");
  REQUIRE(f != nullptr);
  static char line[4096];
  int checked = 0;
  while (std::fgets(line, sizeof line, f)) {
    if (line[0] == '#' || line[0] == '\n') continue;
    int valid = 0;
    char name[128], data[1024];
    if (std::sscanf(line, "%d %127s %1023s", &valid, name, data) != 3) continue;
    Bytes in = std::string(data) == "-" ? Bytes{} : hex(data);
    CHECK_EQ(verify(in), valid == 1);
    if (valid == 1) {
      Bytes bad = in;
      bad[95] ^= 0x10;
      CHECK(!verify(bad));
    }
    ++checked;
  }
  std::fclose(f);
  CHECK(checked >= 15);
}
