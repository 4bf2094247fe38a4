// Two-adic FRI, arity 2, over evaluations in F_{p^4} on cosets shift * <omega_N> in natural order
// (index j is the point shift * omega_N^j; j and j + N/2 are x and -x).
//
// Inputs: one "reduced opening" vector per log height (the DEEP quotients of all columns of that
// height, batched by the caller). The largest starts the folding; a smaller input of height 2^h is
// added, times beta^2 of the round that produced height 2^h, to the folded vector when it reaches
// that height (Plonky3's batching across heights; the beta^2 term keeps the parts from cancelling).
//
// Commit phase: round r folds a vector of size N by 2^k (k = the round's log arity, see
// round_log_arities): commit the rows (f[j + m N / 2^k] for m < 2^k) of a Merkle tree (the 2^k
// points x * zeta_{2^k}^m sharing x^(2^k)), observe its root, sample beta, and fold k times by two
// with beta, beta^2, beta^4, ...: f'(x^2) = (f(x) + f(-x))/2 + b (f(x) - f(-x)) / (2x), which
// equals sum_m beta^m f_m for f(x) = sum_m x^m f_m(x^(2^k)). An input of the new height is then
// added times beta^(2^k) (a power the fold did not use, so it cannot cancel against it).
// Stop when 2^(log_final_poly_len + log_blowup) values remain; send the final polynomial's
// 2^log_final_poly_len coefficients (observed). Then grind pow_bits and sample num_queries indices.
// Query phase: for each index and round, the 2^k - 1 other values of its row and the Merkle path.
// The verifier recomputes each fold and compares the last with the final polynomial at the query
// point; a final polynomial of any other length is refused, which bounds its degree.
#pragma once
#include <functional>
#include <map>
#include <stdexcept>
#include <vector>
#include "challenger/challenger.h"
#include "fri/params.h"
#include "merkle/merkle.h"

namespace oneproof::fri {

using field::Fp;
using field::Fp4;
using hash::Digest;

// The coset shift of every committed LDE (the multiplicative generator, so cosets avoid <omega>).
inline Fp coset_shift() { return Fp::from_u32(field::MULTIPLICATIVE_GENERATOR); }

struct LayerOpening {
  std::vector<Fp4> siblings;  // the other 2^k - 1 values of the row, in row order
  std::vector<Digest> path;   // Merkle path in this round's tree
};

struct QueryProof {
  std::vector<LayerOpening> layers;  // one per folding round
};

struct FriProof {
  std::vector<Digest> commits;  // one root per folding round
  std::vector<Fp4> final_poly;  // coefficients, low degree first
  Fp pow_witness;
  std::vector<QueryProof> queries;
};

class FriError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// The log arity of each folding round: as large as max_log_arity allows without folding past the
// final size or past the height of an input (inputs join exactly at round boundaries).
std::vector<unsigned> round_log_arities(const FriParams& p, const std::vector<unsigned>& input_heights);

struct FriProverResult {
  FriProof proof;
  std::vector<size_t> query_indices;  // in [0, 2^log_max_height); the caller opens its inputs there
};

// inputs: log height -> evaluations (size 2^log height). Throws std::invalid_argument on bad shapes.
FriProverResult prove(const FriParams& p, std::map<unsigned, std::vector<Fp4>> inputs, challenger::Challenger& ch);

// open_inputs(query_number, index) must check the caller's own openings for that query (throwing
// FriError if they fail) and return log height -> reduced opening at index mod 2^height; its keys
// must be exactly `input_heights`. Throws FriError when the proof is refused.
void verify(const FriParams& p, const std::vector<unsigned>& input_heights, const FriProof& proof,
            challenger::Challenger& ch,
            const std::function<std::map<unsigned, Fp4>(size_t, size_t)>& open_inputs);

// Helpers shared with the STARK prover/verifier.
Fp4 eval_poly(const std::vector<Fp4>& coeffs, Fp4 x);
// Evaluations on the coset shift * <omega_n> (natural order) -> coefficients of the polynomial.
std::vector<Fp4> coset_interpolate(const std::vector<Fp4>& evals, Fp shift);

}  // namespace oneproof::fri
