// setup(): compile AIRs, commit preprocessed columns, derive the verifying key.
#include "stark/keys.h"

#include <stdexcept>
#include "fri/fri.h"
#include "ntt/ntt.h"
#include "stark/constraints.h"
#include "stark/serialize.h"

namespace oneproof::stark {

uint32_t quotient_chunks(const air::CompiledAir& air) { return air.max_degree > 2 ? air.max_degree - 1 : 1; }

Digest VerifyingKey::digest() const {
  const std::vector<uint8_t> bytes = serialize_vk(*this);
  std::vector<Fp> words;
  for (size_t i = 0; i < bytes.size(); i += 2)
    words.push_back(Fp::from_u32(bytes[i] | (i + 1 < bytes.size() ? uint32_t(bytes[i + 1]) << 8 : 0)));
  words.push_back(Fp::from_u32(uint32_t(bytes.size() & 0xffff)));  // the length, so padding is not ambiguous
  words.push_back(Fp::from_u32(uint32_t(bytes.size() >> 16)));
  return hash::hash_row(words.data(), words.size());
}

ProvingKey setup(std::span<const air::Air* const> airs, const fri::FriParams& params, uint32_t max_log_height) {
  fri::validate(params);
  if (airs.empty()) throw std::invalid_argument("setup: no tables");
  if (max_log_height < MIN_LOG_HEIGHT || max_log_height + params.log_blowup > field::TWO_ADICITY ||
      max_log_height < params.log_final_poly_len)
    throw std::invalid_argument("setup: max_log_height out of range for these FRI parameters");
  ProvingKey pk;
  pk.vk.fri = params;
  pk.vk.max_log_height = max_log_height;
  for (const air::Air* a : airs) {
    air::CompiledAir c = air::compile(*a);
    const uint32_t chunks = quotient_chunks(c);
    if (chunks > (1u << params.log_blowup))
      throw std::invalid_argument("setup: " + c.name + " needs a larger blowup for its constraint degree");
    TableKey t;
    t.name = c.name;
    t.air_digest = c.digest;
    t.width = uint32_t(c.width);
    t.preprocessed_width = uint32_t(c.preprocessed_width);
    t.num_public_values = uint32_t(c.num_public_values);
    t.num_interactions = uint32_t(c.interactions.size());
    t.num_quotient_chunks = chunks;
    std::shared_ptr<const PreprocessedData> pre;
    if (c.preprocessed_width > 0) {
      field::Matrix trace = a->preprocessed_trace();
      const size_t h = trace.height;
      if (trace.width != c.preprocessed_width || h == 0 || (h & (h - 1)) != 0)
        throw std::invalid_argument("setup: " + c.name + ": preprocessed trace has the wrong shape");
      while ((size_t(1) << t.preprocessed_log_height) < h) ++t.preprocessed_log_height;
      if (t.preprocessed_log_height < std::max(MIN_LOG_HEIGHT, params.log_final_poly_len) || t.preprocessed_log_height > max_log_height)
        throw std::invalid_argument("setup: " + c.name + ": preprocessed height out of range");
      merkle::MerkleTree tree(ntt::coset_lde(trace, params.log_blowup, fri::coset_shift()));
      t.preprocessed_commit = tree.root();
      pre = std::make_shared<PreprocessedData>(PreprocessedData{std::move(trace), std::move(tree)});
    }
    pk.vk.tables.push_back(std::move(t));
    pk.airs.push_back(std::move(c));
    pk.preprocessed.push_back(std::move(pre));
  }
  check_bus_arities(pk.airs);
  return pk;
}

}  // namespace oneproof::stark
