// Host timings of the validator's primitives (keccak, secp256k1 recovery, RLP/transaction
// decoding, trie updates, precompile cores). Prints a JSON array of {name, value, unit, params};
// --quick runs fewer iterations. Host-only (std::chrono): the rv32 build never sees this folder.
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <string>
#include <vector>

#include "guest/crypto/keccak.h"
#include "guest/crypto/secp256k1.h"
#include "guest/mpt/trie.h"
#include "guest/precompiles/bls12_381.h"
#include "guest/precompiles/bn254.h"
#include "guest/precompiles/kzg.h"
#include "guest/precompiles/modexp.h"
#include "guest/precompiles/p256.h"
#include "guest/precompiles/sha256.h"

using namespace oneproof::guest;

namespace {

struct Figure { std::string name; double value; std::string unit; std::string params; };

// Median-free simple timing: runs fn `iterations` times and returns microseconds per call.
double time_us(int iterations, const std::function<void()>& fn) {
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) fn();
  auto end = std::chrono::steady_clock::now();
  return std::chrono::duration<double, std::micro>(end - start).count() / iterations;
}

Bytes hex(const char* s) {
  Bytes b;
  from_hex(s, std::strlen(s), b);
  return b;
}

}  // namespace

int main(int argc, char** argv) {
  bool quick = argc > 1 && std::strcmp(argv[1], "--quick") == 0;
  int scale = quick ? 1 : 10;
  std::vector<Figure> figures;

  Bytes data(1 << 20, 0xab);
  double us = time_us(2 * scale, [&] { (void)crypto::keccak256(data); });
  figures.push_back({"keccak256_throughput", (data.size() / us), "MB/s", "\"input_bytes\": 1048576"});
  us = time_us(2 * scale, [&] { (void)precompiles::sha256(data); });
  figures.push_back({"sha256_throughput", (data.size() / us), "MB/s", "\"input_bytes\": 1048576"});

  Hash32 h = Hash32::from(hex("daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53").data());
  uint256 r, s;
  uint256::from_hex("28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa636276", 64, r);
  uint256::from_hex("67cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83", 64, s);
  us = time_us(20 * scale, [&] {
    Address a;
    (void)crypto::recover_address(h, r, s, 0, true, a);
  });
  figures.push_back({"secp256k1_recover", us, "us", "\"scalar\": \"32-bit limbs, Shamir double-mul\""});

  // A 10,000-key secure trie built in memory, then its root.
  us = time_us(scale / 10 + 1, [&] {
    mpt::NodeStore none;
    mpt::Trie t(none, mpt::kEmptyTrieRoot);
    for (uint32_t i = 0; i < 10000; ++i) {
      Hash32 k = crypto::keccak256(reinterpret_cast<const uint8_t*>(&i), 4);
      t.put(k.b, 32, Bytes(70, uint8_t(i)));
    }
    (void)t.root_hash();
  });
  figures.push_back({"mpt_insert_10k_and_root", us / 1000.0, "ms", "\"keys\": 10000, \"value_bytes\": 70"});

  const char* g1 = "0000000000000000000000000000000000000000000000000000000000000001"
                   "0000000000000000000000000000000000000000000000000000000000000002";
  const char* g2 =
      "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c21800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
      "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
  Bytes pair = hex((std::string(g1) + g2 + g1 + g2).c_str());
  us = time_us(2 * scale, [&] {
    bool ok;
    (void)precompiles::bn254_pairing(pair.data(), pair.size(), ok);
  });
  figures.push_back({"bn254_pairing_check", us / 1000.0, "ms", "\"pairs\": 2"});
  Bytes mul_in = hex((std::string(g1) + "abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789").c_str());
  us = time_us(20 * scale, [&] {
    uint8_t out[64];
    (void)precompiles::bn254_mul(mul_in.data(), mul_in.size(), out);
  });
  figures.push_back({"bn254_mul", us, "us", "\"scalar_bits\": 256"});

  // KZG point evaluation (consensus-spec verify_kzg_proof case), including its two pairings.
  Bytes commitment = hex("8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7");
  Hash32 vh = precompiles::sha256(commitment);
  vh.b[0] = 1;
  Bytes kzg(vh.b, vh.b + 32);
  for (const char* part : {"73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000",
                           "1522a4a7f34e1ea350ae07c29c96c7e79655aa926122e95fe69fcbd932ca49e9",
                           "8f59a8d2a1a625a17f3fea0fe5eb8c896db3764f3185481bc22f91b4aaffcca25f26936857bc3a7c2539ea8ec3a952b7",
                           "a62ad71d14c5719385c0686f1871430475bf3a00f0aa3f7b8dd99a9abc2160744faf0070725e00b60ad9a026a15b1a8c"}) {
    Bytes b = hex(part);
    kzg.insert(kzg.end(), b.begin(), b.end());
  }
  us = time_us(scale, [&] {
    uint8_t out[64];
    (void)precompiles::kzg_point_evaluation(kzg.data(), kzg.size(), out);
  });
  figures.push_back({"kzg_point_evaluation", us / 1000.0, "ms", "\"pairings\": 2"});

  // MODEXP with a 256-byte odd modulus and a 256-byte exponent (RSA-2048-like).
  Bytes mx(96, 0);
  mx[31] = mx[63] = mx[95] = 0;
  mx[30] = mx[62] = mx[94] = 1;  // lengths 256
  for (int part = 0; part < 3; ++part)
    for (int i = 0; i < 256; ++i) mx.push_back(uint8_t(0x5a ^ (i * 7 + part)));
  mx.back() |= 1;
  us = time_us(scale, [&] {
    Bytes out;
    (void)precompiles::modexp(mx.data(), mx.size(), out);
  });
  figures.push_back({"modexp_2048", us / 1000.0, "ms", "\"base_bytes\": 256, \"exp_bytes\": 256, \"mod_bytes\": 256"});

  std::printf("[\n");
  for (size_t i = 0; i < figures.size(); ++i) {
    const Figure& f = figures[i];
    std::printf("  {\"name\": \"%s\", \"value\": %.4g, \"unit\": \"%s\", \"params\": {%s}}%s\n", f.name.c_str(), f.value,
                f.unit.c_str(), f.params.c_str(), i + 1 < figures.size() ? "," : "");
  }
  std::printf("]\n");
  return 0;
}
