// compile(): record an AIR's constraints and check their degrees.
#include "air/symbolic.h"

#include <algorithm>
#include <stdexcept>
#include "hash/sponge.h"

namespace oneproof::air {

uint32_t interaction_degree(const ExprGraph& g, const Interaction& it) {
  uint32_t tuple_degree = 0;
  for (uint32_t v : it.values) tuple_degree = std::max(tuple_degree, g.nodes[v].degree);
  // h * (gamma + sum beta^j v_j) - m, with h a committed column (degree 1).
  return std::max(1 + tuple_degree, g.nodes[it.multiplicity].degree);
}

namespace {
uint32_t fingerprint_degree(const ExprGraph& g, const Interaction& it) {
  uint32_t d = 0;
  for (uint32_t v : it.values) d = std::max(d, g.nodes[v].degree);
  return d;
}
}  // namespace

uint32_t batch_degree(const ExprGraph& g, const std::vector<Interaction>& interactions, const std::vector<uint32_t>& batch) {
  uint32_t sum_f = 0;
  for (uint32_t i : batch) sum_f += fingerprint_degree(g, interactions[i]);
  uint32_t d = 1 + sum_f;
  for (uint32_t i : batch) d = std::max(d, g.nodes[interactions[i].multiplicity].degree + sum_f - fingerprint_degree(g, interactions[i]));
  return d;
}

namespace {
std::array<Fp, 8> structural_digest(const CompiledAir& c) {
  std::vector<Fp> words;
  auto put = [&](uint64_t x) { words.push_back(Fp::from_u64(x & 0xffffffffu)); };
  put(c.name.size());
  for (char ch : c.name) put(uint8_t(ch));
  put(c.width); put(c.preprocessed_width); put(c.num_public_values);
  put(c.graph.nodes.size());
  for (const Node& n : c.graph.nodes) { put(uint32_t(n.op)); put(n.a); put(n.b); put(n.value.to_u32()); }
  put(c.constraints.size());
  for (const Constraint& k : c.constraints) put(k.node);
  put(c.interactions.size());
  for (const Interaction& it : c.interactions) {
    put(it.bus); put(it.multiplicity); put(it.values.size());
    for (uint32_t v : it.values) put(v);
  }
  return hash::hash_row(words.data(), words.size());
}
}  // namespace

CompiledAir compile(const Air& air) {
  CompiledAir c;
  c.name = air.name();
  c.width = air.width();
  c.preprocessed_width = air.preprocessed_width();
  c.num_public_values = air.num_public_values();
  AirBuilder b(c.width, c.preprocessed_width, c.num_public_values);
  air.eval(b);
  c.graph = b.graph();
  c.constraints = b.constraints();
  c.interactions = b.interactions();
  if (c.constraints.empty() && c.interactions.empty())
    throw std::invalid_argument("AIR " + c.name + ": states no constraint and no interaction");
  for (size_t i = 0; i < c.constraints.size(); ++i) {
    const uint32_t d = c.graph.nodes[c.constraints[i].node].degree;
    if (d > MAX_CONSTRAINT_DEGREE)
      throw std::invalid_argument("AIR " + c.name + ": constraint " + std::to_string(i) + " '" + c.constraints[i].label +
                                  "' has degree " + std::to_string(d) + " > " + std::to_string(MAX_CONSTRAINT_DEGREE));
    c.max_degree = std::max(c.max_degree, d);
  }
  for (size_t i = 0; i < c.interactions.size(); ++i) {
    if (c.interactions[i].bus >= MAX_BUS_ID)
      throw std::invalid_argument("AIR " + c.name + ": bus id " + std::to_string(c.interactions[i].bus) + " is too large");
    const uint32_t d = interaction_degree(c.graph, c.interactions[i]);
    if (d > MAX_CONSTRAINT_DEGREE)
      throw std::invalid_argument("AIR " + c.name + ": interaction " + std::to_string(i) + " '" + c.interactions[i].label +
                                  "' has degree " + std::to_string(d) + " > " + std::to_string(MAX_CONSTRAINT_DEGREE));
    // The running-sum constraints (selector * (phi' - phi - sum h')) have degree 2.
    c.max_degree = std::max({c.max_degree, d, 2u});
  }
  for (uint32_t i = 0; i < c.interactions.size(); ++i) {
    if (!c.lookup_batches.empty()) {
      std::vector<uint32_t> grown = c.lookup_batches.back();
      grown.push_back(i);
      if (batch_degree(c.graph, c.interactions, grown) <= MAX_CONSTRAINT_DEGREE) {
        c.lookup_batches.back() = std::move(grown);
        continue;
      }
    }
    c.lookup_batches.push_back({i});
  }
  for (const auto& batch : c.lookup_batches) c.max_degree = std::max(c.max_degree, batch_degree(c.graph, c.interactions, batch));
  c.digest = structural_digest(c);
  return c;
}

}  // namespace oneproof::air
