// Counting helpers for the folded constraint polynomial (constraints.h).
#include "stark/constraints.h"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <string>

namespace oneproof::stark {

size_t max_arity(const air::CompiledAir& air) {
  size_t m = 0;
  for (const auto& it : air.interactions) m = std::max(m, it.values.size());
  return m;
}

size_t num_folded_constraints(const air::CompiledAir& air) {
  return air.constraints.size() + (air.interactions.empty() ? 0 : air.lookup_batches.size() + 3);
}

std::vector<Fp4> powers(Fp4 alpha, size_t count) {
  std::vector<Fp4> out(count);
  Fp4 p = Fp4::one();
  for (size_t i = 0; i < count; ++i) { out[i] = p; p *= alpha; }
  return out;
}

void check_bus_arities(std::span<const air::CompiledAir> airs) {
  std::map<uint32_t, size_t> arity;
  for (const air::CompiledAir& a : airs)
    for (const air::Interaction& it : a.interactions) {
      auto [pos, fresh] = arity.emplace(it.bus, it.values.size());
      if (!fresh && pos->second != it.values.size())
        throw std::invalid_argument("bus " + std::to_string(it.bus) + " is used with two tuple arities (table " + a.name + ")");
    }
}

}  // namespace oneproof::stark

namespace oneproof::stark {
void check_shared_lookups(std::span<const air::CompiledAir> airs, const LookupChallenges& lookups) {
  if (lookups.bus_salt > MAX_BUS_SALT) throw std::invalid_argument("shared lookups: bus salt out of range");
  for (const auto& a : airs) {
    if (lookups.beta_pows.size() < max_arity(a) + 2) throw std::invalid_argument("shared lookups: too few challenge powers for " + a.name);
    for (const auto& it : a.interactions)
      if (it.bus >= air::GLOBAL_BUS_LIMIT) throw std::invalid_argument("shared lookups: table " + a.name + " uses bus id " + std::to_string(it.bus) + " (at most " + std::to_string(air::GLOBAL_BUS_LIMIT - 1) + " with shared challenges)");
  }
}
}  // namespace oneproof::stark
