// FRI prover and verifier (protocol in fri.h).
#include "fri/fri.h"

#include <algorithm>
#include "common/parallel.h"
#include "ntt/ntt.h"

namespace oneproof::fri {

namespace {
using challenger::Challenger;

constexpr Fp HALF = Fp::from_u32(2).inverse();

Fp4 fold_pair(Fp4 a, Fp4 b, Fp4 beta, Fp inv_two_x) { return (a + b) * HALF + beta * ((a - b) * inv_two_x); }

merkle::MerkleTree commit_pairs(const std::vector<Fp4>& f) {
  const size_t half = f.size() / 2;
  field::Matrix leaves(8, half);
  parallel::parallel_for(0, half, 4096, [&](size_t lo, size_t hi) {
    for (size_t j = lo; j < hi; ++j) {
      Fp* row = leaves.row(j);
      for (int k = 0; k < 4; ++k) { row[k] = f[j].c[k]; row[4 + k] = f[j + half].c[k]; }
    }
  });
  return merkle::MerkleTree(std::move(leaves));
}

void check_heights(const FriParams& p, unsigned log_height) {
  if (log_height < p.log_blowup + p.log_final_poly_len || log_height > field::TWO_ADICITY)
    throw std::invalid_argument("FRI: input height out of range");
}
}  // namespace

unsigned num_rounds(const FriParams& p, unsigned log_max_height) {
  return log_max_height - p.log_blowup - p.log_final_poly_len;
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
  for (const auto& [h, v] : inputs) {
    check_heights(p, h);
    if (v.size() != (size_t(1) << h)) throw std::invalid_argument("FRI: input size does not match its height");
  }
  const unsigned log_max = inputs.rbegin()->first;
  const unsigned rounds = num_rounds(p, log_max);

  FriProverResult result;
  std::vector<merkle::MerkleTree> trees;
  std::vector<Fp4> f = std::move(inputs.rbegin()->second);
  Fp shift = coset_shift();
  for (unsigned i = 0; i < rounds; ++i) {
    trees.push_back(commit_pairs(f));
    result.proof.commits.push_back(trees.back().root());
    ch.observe(trees.back().root());
    const Fp4 beta = ch.sample_ext();
    const size_t half = f.size() / 2;
    const unsigned log_half = log_max - i - 1;
    const Fp omega_inv = field::two_adic_generator(log_max - i).inverse();
    const Fp inv_two_shift = (shift + shift).inverse();
    std::vector<Fp4> next(half);
    parallel::parallel_for(0, half, 4096, [&](size_t lo, size_t hi) {
      Fp inv_two_x = inv_two_shift * omega_inv.pow(lo);
      for (size_t j = lo; j < hi; ++j) {
        next[j] = fold_pair(f[j], f[j + half], beta, inv_two_x);
        inv_two_x *= omega_inv;
      }
    });
    if (auto it = inputs.find(log_half); it != inputs.end()) {
      const Fp4 beta2 = beta * beta;
      for (size_t j = 0; j < half; ++j) next[j] += beta2 * it->second[j];
    }
    f = std::move(next);
    shift = shift * shift;
  }

  std::vector<Fp4> coeffs = coset_interpolate(f, shift);
  coeffs.resize(size_t(1) << p.log_final_poly_len);  // an honest f has no higher coefficients
  for (const Fp4& c : coeffs) ch.observe(c);
  result.proof.final_poly = std::move(coeffs);
  result.proof.pow_witness = ch.grind(p.pow_bits);

  for (uint32_t q = 0; q < p.num_queries; ++q) result.query_indices.push_back(ch.sample_bits(log_max));
  for (size_t index : result.query_indices) {
    QueryProof qp;
    for (unsigned i = 0; i < rounds; ++i) {
      const size_t half = size_t(1) << (log_max - i - 1);
      const size_t j = index % half;
      auto row = trees[i].row(j);
      const size_t off = index >= half ? 0 : 4;  // the sibling is the other half of the pair
      LayerOpening lo;
      for (int k = 0; k < 4; ++k) lo.sibling.c[k] = row[off + k];
      lo.path = trees[i].open(j);
      qp.layers.push_back(std::move(lo));
      index = j;
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
  const unsigned rounds = num_rounds(p, log_max);
  if (proof.commits.size() != rounds) throw FriError("FRI: wrong number of commitments");
  if (proof.final_poly.size() != (size_t(1) << p.log_final_poly_len)) throw FriError("FRI: final polynomial has the wrong length");
  if (proof.queries.size() != p.num_queries) throw FriError("FRI: wrong number of queries");
  for (const QueryProof& q : proof.queries)
    if (q.layers.size() != rounds) throw FriError("FRI: wrong number of layer openings");

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
    for (unsigned i = 0; i < rounds; ++i) {
      const unsigned log_half = log_max - i - 1;
      const size_t half = size_t(1) << log_half;
      const size_t j = index % half;
      const LayerOpening& lo = proof.queries[q].layers[i];
      const bool high = index >= half;
      const Fp4 a = high ? lo.sibling : current, b = high ? current : lo.sibling;
      Fp row[8];
      for (int k = 0; k < 4; ++k) { row[k] = a.c[k]; row[4 + k] = b.c[k]; }
      if (!merkle::verify_opening(proof.commits[i], log_half, j, row, lo.path))
        throw FriError("FRI: layer " + std::to_string(i) + " opening refused");
      const Fp x = shift * field::two_adic_generator(log_max - i).pow(j);
      current = fold_pair(a, b, betas[i], (x + x).inverse());
      if (auto it = ro.find(log_half); it != ro.end()) current += betas[i] * betas[i] * it->second;
      shift = shift * shift;
      index = j;
    }
    const Fp x = shift * field::two_adic_generator(log_max - rounds).pow(index);
    if (!(eval_poly(proof.final_poly, Fp4::from_base(x)) == current))
      throw FriError("FRI: final polynomial does not match query " + std::to_string(q));
  }
}

}  // namespace oneproof::fri
