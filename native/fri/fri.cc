// FRI prover and verifier (protocol in fri.h).
#include "fri/fri.h"

#include <algorithm>
#include <bit>
#include "common/parallel.h"
#include "ntt/ntt.h"

namespace oneproof::fri {

namespace {
using challenger::Challenger;

constexpr Fp HALF = Fp::from_u32(2).inverse();

Fp4 fold_pair(Fp4 a, Fp4 b, Fp4 beta, Fp inv_two_x) { return (a + b) * HALF + beta * ((a - b) * inv_two_x); }

// Rows j < N / 2^k holding f[j + m N / 2^k] for m < 2^k (4 base elements each).
merkle::MerkleTree commit_rows(const std::vector<Fp4>& f, unsigned log_arity) {
  const size_t arity = size_t(1) << log_arity, rows = f.size() >> log_arity;
  field::Matrix leaves(4 * arity, rows);
  parallel::parallel_for(0, rows, 2048, [&](size_t lo, size_t hi) {
    for (size_t j = lo; j < hi; ++j) {
      Fp* row = leaves.row(j);
      for (size_t m = 0; m < arity; ++m)
        for (int e = 0; e < 4; ++e) row[4 * m + e] = f[j + m * rows].c[e];
    }
  });
  return merkle::MerkleTree(std::move(leaves));
}

// One binary fold of the whole vector on the coset shift * <omega_N>.
std::vector<Fp4> fold_vector(const std::vector<Fp4>& f, Fp shift, Fp4 beta) {
  const size_t half = f.size() / 2;
  unsigned log_n = 0;
  while ((size_t(1) << log_n) < f.size()) ++log_n;
  const Fp omega_inv = field::two_adic_generator(log_n).inverse();
  const Fp inv_two_shift = (shift + shift).inverse();
  std::vector<Fp4> next(half);
  parallel::parallel_for(0, half, 4096, [&](size_t lo, size_t hi) {
    Fp inv_two_x = inv_two_shift * omega_inv.pow(lo);
    for (size_t j = lo; j < hi; ++j) {
      next[j] = fold_pair(f[j], f[j + half], beta, inv_two_x);
      inv_two_x *= omega_inv;
    }
  });
  return next;
}

// Folds one opened row (values at x * zeta^m, m < 2^k) down to the value at x^(2^k).
Fp4 fold_row(std::vector<Fp4> v, Fp x, Fp4 beta) {
  const size_t arity = v.size();
  unsigned log_arity = 0;
  while ((size_t(1) << log_arity) < arity) ++log_arity;
  std::vector<Fp> points(arity);
  const Fp zeta = field::two_adic_generator(log_arity);
  Fp p = x;
  for (size_t m = 0; m < arity; ++m) { points[m] = p; p *= zeta; }
  Fp4 b = beta;
  for (size_t size = arity; size > 1; size /= 2) {
    const size_t half = size / 2;
    for (size_t m = 0; m < half; ++m) {
      v[m] = fold_pair(v[m], v[m + half], b, (points[m] + points[m]).inverse());
      points[m] = points[m] * points[m];
    }
    b = b * b;
  }
  return v[0];
}

void check_heights(const FriParams& p, unsigned log_height) {
  if (log_height < p.log_blowup + p.log_final_poly_len || log_height > field::TWO_ADICITY)
    throw std::invalid_argument("FRI: input height out of range");
}
}  // namespace

std::vector<unsigned> round_log_arities(const FriParams& p, const std::vector<unsigned>& input_heights) {
  const unsigned log_final = p.log_blowup + p.log_final_poly_len;
  unsigned log_size = *std::max_element(input_heights.begin(), input_heights.end());
  std::vector<unsigned> arities;
  while (log_size > log_final) {
    unsigned k = std::min(p.max_log_arity, log_size - log_final);
    for (unsigned h : input_heights)
      if (h < log_size) k = std::min(k, log_size - h);
    arities.push_back(k);
    log_size -= k;
  }
  return arities;
}

Fp4 eval_poly(const std::vector<Fp4>& coeffs, Fp4 x) {
  Fp4 acc;
  for (size_t i = coeffs.size(); i-- > 0;) acc = acc * x + coeffs[i];
  return acc;
}

std::vector<Fp4> coset_interpolate(const std::vector<Fp4>& evals, Fp shift) {
  field::Matrix m(4, evals.size());
  for (size_t i = 0; i < evals.size(); ++i)
    for (int k = 0; k < 4; ++k) m.at(i, k) = evals[i].c[k];
  ntt::inverse(m);  // coefficients of g(y) = f(shift * y)
  std::vector<Fp4> out(evals.size());
  const Fp shift_inv = shift.inverse();
  Fp power = Fp::one();
  for (size_t i = 0; i < evals.size(); ++i) {
    for (int k = 0; k < 4; ++k) out[i].c[k] = m.at(i, k) * power;
    power *= shift_inv;
  }
  return out;
}

FriProverResult prove(const FriParams& p, std::map<unsigned, std::vector<Fp4>> inputs, Challenger& ch) {
  validate(p);
  if (inputs.empty()) throw std::invalid_argument("FRI: no inputs");
  std::vector<unsigned> heights;
  for (const auto& [h, v] : inputs) {
    check_heights(p, h);
    if (v.size() != (size_t(1) << h)) throw std::invalid_argument("FRI: input size does not match its height");
    heights.push_back(h);
  }
  const unsigned log_max = inputs.rbegin()->first;
  const std::vector<unsigned> arities = round_log_arities(p, heights);

  FriProverResult result;
  std::vector<merkle::MerkleTree> trees;
  std::vector<Fp4> f = std::move(inputs.rbegin()->second);
  Fp shift = coset_shift();
  for (unsigned k : arities) {
    trees.push_back(commit_rows(f, k));
    result.proof.commits.push_back(trees.back().root());
    ch.observe(trees.back().root());
    const Fp4 beta = ch.sample_ext();
    Fp4 b = beta;
    for (unsigned i = 0; i < k; ++i) {
      f = fold_vector(f, shift, b);
      shift = shift * shift;
      b = b * b;
    }
    if (auto it = inputs.find(unsigned(std::countr_zero(f.size()))); it != inputs.end()) {
      // b is now beta^(2^k)
      for (size_t j = 0; j < f.size(); ++j) f[j] += b * it->second[j];
    }
  }

  std::vector<Fp4> coeffs = coset_interpolate(f, shift);
  coeffs.resize(size_t(1) << p.log_final_poly_len);  // an honest f has no higher coefficients
  for (const Fp4& c : coeffs) ch.observe(c);
  result.proof.final_poly = std::move(coeffs);
  result.proof.pow_witness = ch.grind(p.pow_bits);

  for (uint32_t q = 0; q < p.num_queries; ++q) result.query_indices.push_back(ch.sample_bits(log_max));
  for (size_t index : result.query_indices) {
    QueryProof qp;
    size_t log_size = log_max;
    for (size_t r = 0; r < arities.size(); ++r) {
      const size_t rows = size_t(1) << (log_size - arities[r]);
      const size_t j = index % rows, own = index / rows;
      auto row = trees[r].row(j);
      LayerOpening lo;
      for (size_t m = 0; m < (size_t(1) << arities[r]); ++m) {
        if (m == own) continue;
        Fp4 v;
        for (int e = 0; e < 4; ++e) v.c[e] = row[4 * m + e];
        lo.siblings.push_back(v);
      }
      lo.path = trees[r].open(j);
      qp.layers.push_back(std::move(lo));
      index = j;
      log_size -= arities[r];
    }
    result.proof.queries.push_back(std::move(qp));
  }
  return result;
}

void verify(const FriParams& p, const std::vector<unsigned>& input_heights, const FriProof& proof, Challenger& ch,
            const std::function<std::map<unsigned, Fp4>(size_t, size_t)>& open_inputs) {
  try {
    validate(p);
    if (input_heights.empty()) throw std::invalid_argument("no inputs");
    for (unsigned h : input_heights) check_heights(p, h);
  } catch (const std::invalid_argument& e) {
    throw FriError(std::string("FRI: bad parameters: ") + e.what());
  }
  const unsigned log_max = *std::max_element(input_heights.begin(), input_heights.end());
  const std::vector<unsigned> arities = round_log_arities(p, input_heights);
  if (proof.commits.size() != arities.size()) throw FriError("FRI: wrong number of commitments");
  if (proof.final_poly.size() != (size_t(1) << p.log_final_poly_len)) throw FriError("FRI: final polynomial has the wrong length");
  if (proof.queries.size() != p.num_queries) throw FriError("FRI: wrong number of queries");
  for (const QueryProof& q : proof.queries) {
    if (q.layers.size() != arities.size()) throw FriError("FRI: wrong number of layer openings");
    for (size_t r = 0; r < arities.size(); ++r)
      if (q.layers[r].siblings.size() != (size_t(1) << arities[r]) - 1) throw FriError("FRI: wrong number of sibling values");
  }

  std::vector<Fp4> betas;
  for (const Digest& c : proof.commits) {
    ch.observe(c);
    betas.push_back(ch.sample_ext());
  }
  for (const Fp4& c : proof.final_poly) ch.observe(c);
  if (!ch.check_witness(p.pow_bits, proof.pow_witness)) throw FriError("FRI: proof-of-work witness refused");

  for (uint32_t q = 0; q < p.num_queries; ++q) {
    size_t index = ch.sample_bits(log_max);
    std::map<unsigned, Fp4> ro = open_inputs(q, index);
    if (ro.size() != input_heights.size()) throw FriError("FRI: inputs opened at the wrong heights");
    for (unsigned h : input_heights)
      if (!ro.count(h)) throw FriError("FRI: inputs opened at the wrong heights");
    Fp4 current = ro[log_max];
    Fp shift = coset_shift();
    unsigned log_size = log_max;
    for (size_t r = 0; r < arities.size(); ++r) {
      const unsigned k = arities[r];
      const unsigned log_rows = log_size - k;
      const size_t rows = size_t(1) << log_rows, arity = size_t(1) << k;
      const size_t j = index % rows, own = index / rows;
      const LayerOpening& lo = proof.queries[q].layers[r];
      std::vector<Fp4> values;
      values.reserve(arity);
      for (size_t m = 0, s = 0; m < arity; ++m) values.push_back(m == own ? current : lo.siblings[s++]);
      std::vector<Fp> row(4 * arity);
      for (size_t m = 0; m < arity; ++m)
        for (int e = 0; e < 4; ++e) row[4 * m + e] = values[m].c[e];
      if (!merkle::verify_opening(proof.commits[r], log_rows, j, row, lo.path))
        throw FriError("FRI: round " + std::to_string(r) + " opening refused");
      const Fp x = shift * field::two_adic_generator(log_size).pow(j);
      current = fold_row(std::move(values), x, betas[r]);
      for (unsigned i = 0; i < k; ++i) shift = shift * shift;
      log_size = log_rows;
      index = j;
      if (auto it = ro.find(log_size); it != ro.end()) current += betas[r].pow(uint64_t(1) << k) * it->second;
    }
    const Fp x = shift * field::two_adic_generator(log_size).pow(index);
    if (!(eval_poly(proof.final_poly, Fp4::from_base(x)) == current))
      throw FriError("FRI: final polynomial does not match query " + std::to_string(q));
  }
}

}  // namespace oneproof::fri
