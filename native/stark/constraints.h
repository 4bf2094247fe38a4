// The folded constraint polynomial of one table, shared by prover and verifier:
//
//   C(x) = sum_k alpha^k C_k(x), over, in order,
//     1. the AIR's constraints (air::CompiledAir::constraints),
//     2. per LogUp batch b (air::CompiledAir::lookup_batches; h_b its column):
//          h_b * prod_{i in b} f_i - sum_{i in b} m_i prod_{j in b, j != i} f_j
//        so h_b = sum_{i in b} m_i / f_i (f_i: fingerprint, m_i: multiplicity of interaction i);
//     3. if there are interactions (phi: running-sum column, S: the table's cumulative sum):
//          is_first_row  * (phi - sum_b h_b)
//          is_transition * (phi' - phi - sum_b h_b')
//          is_last_row   * (phi - S)
//   fingerprint(bus, v) = gamma + bus' + sum_j beta^(j+1) v_j, where bus' = bus + salt * GLOBAL_BUS_LIMIT
//   for buses private to the proof and bus' = bus for the shared ones (air.h). A proof on its own
//   has salt 0; the proofs of one statement (zkVM segments) draw their challenges together and get
//   distinct salts, so their private buses cannot balance against each other's tuples.
//
// The prover evaluates it over the LDE with base-field node values (T = Fp); the verifier at the
// out-of-domain point zeta (T = Fp4). Same function, so the two cannot drift apart.
#pragma once
#include <span>
#include <vector>
#include "air/symbolic.h"

namespace oneproof::stark {

using field::Fp;
using field::Fp4;

// Largest salt: salted bus ids stay below 2^31 (field elements, distinct).
inline constexpr uint32_t MAX_BUS_SALT = (1u << 19) - 1;

struct LookupChallenges {
  Fp4 gamma, beta;
  std::vector<Fp4> beta_pows;  // beta^0 .. beta^(max arity + 1)
  uint32_t bus_salt = 0;
  LookupChallenges() = default;
  LookupChallenges(Fp4 g, Fp4 b, size_t max_arity, uint32_t salt = 0) : gamma(g), beta(b), bus_salt(salt) {
    Fp4 p = Fp4::one();
    for (size_t i = 0; i <= max_arity + 1; ++i) { beta_pows.push_back(p); p *= b; }
  }
};

size_t max_arity(const air::CompiledAir& air);
// Number of folded terms (AIR constraints + LogUp constraints) of a table.
size_t num_folded_constraints(const air::CompiledAir& air);
std::vector<Fp4> powers(Fp4 alpha, size_t count);
// Throws std::invalid_argument when a bus carries tuples of two different arities anywhere among
// the tables: (bus, a) and (bus, a, 0) have the same fingerprint, so arities must be fixed.
void check_bus_arities(std::span<const air::CompiledAir> airs);
// Throws std::invalid_argument when challenges shared with other proofs cannot serve these AIRs:
// a salt out of range, a private bus id that salting could map onto another's, too few powers.
void check_shared_lookups(std::span<const air::CompiledAir> airs, const LookupChallenges& lookups);

template <class T, class Val>
Fp4 fingerprint(const LookupChallenges& ch, const air::Interaction& it, Val&& val) {
  const bool shared = it.bus >= air::GLOBAL_BUS_MIN && it.bus < air::GLOBAL_BUS_LIMIT;
  const uint32_t bus = shared || ch.bus_salt == 0 ? it.bus : it.bus + ch.bus_salt * air::GLOBAL_BUS_LIMIT;
  Fp4 f = ch.gamma + Fp4::from_base(Fp::from_u32(bus));
  for (size_t j = 0; j < it.values.size(); ++j) f += ch.beta_pows[j + 1] * val(it.values[j]);
  return f;
}

// LogUp column values on one row: h[b] for each batch and the running sum phi, locally and on the
// next row.
struct PermutationRow {
  const Fp4* h_local;
  const Fp4* h_next;
  Fp4 phi_local, phi_next;
};

// The LogUp part of the fold (terms constraints.size() onwards); val(node id) -> T gives the node
// values on this row, selectors as T.
template <class T, class Val>
Fp4 fold_lookup_constraints(const air::CompiledAir& air, Val&& val, const PermutationRow& perm, T is_first, T is_last,
                            T is_transition, const LookupChallenges& ch, const Fp4& cumulative_sum,
                            const std::vector<Fp4>& alpha_pows) {
  Fp4 acc;
  if (air.interactions.empty()) return acc;
  size_t k = air.constraints.size();
  Fp4 sum_local, sum_next;
  for (size_t b = 0; b < air.lookup_batches.size(); ++b) {
    const auto& batch = air.lookup_batches[b];
    Fp4 product = Fp4::one(), numerator;
    for (size_t x = 0; x < batch.size(); ++x) {
      const air::Interaction& it = air.interactions[batch[x]];
      const Fp4 f = fingerprint<T>(ch, it, val);
      // numerator = sum_{i <= x} m_i prod_{j <= x, j != i} f_j, grown one factor at a time
      numerator = numerator * f + product * (Fp4::one() * val(it.multiplicity));
      product *= f;
    }
    acc += alpha_pows[k++] * (perm.h_local[b] * product - numerator);
    sum_local += perm.h_local[b];
    sum_next += perm.h_next[b];
  }
  acc += alpha_pows[k++] * ((perm.phi_local - sum_local) * is_first);
  acc += alpha_pows[k++] * ((perm.phi_next - perm.phi_local - sum_next) * is_transition);
  acc += alpha_pows[k++] * ((perm.phi_local - cumulative_sum) * is_last);
  return acc;
}

// The whole fold at one point (the verifier's out-of-domain check; the prover computes the AIR
// part block-wise with the same powers).
template <class T, class Val>
Fp4 fold_constraints(const air::CompiledAir& air, Val&& val, const PermutationRow& perm, T is_first, T is_last,
                     T is_transition, const LookupChallenges& ch, const Fp4& cumulative_sum,
                     const std::vector<Fp4>& alpha_pows) {
  Fp4 acc;
  for (size_t k = 0; k < air.constraints.size(); ++k) acc += alpha_pows[k] * val(air.constraints[k].node);
  return acc + fold_lookup_constraints<T>(air, val, perm, is_first, is_last, is_transition, ch, cumulative_sum, alpha_pows);
}

}  // namespace oneproof::stark
