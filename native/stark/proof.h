// The proof of a multi-table STARK (see prover.h for the protocol).
#pragma once
#include <vector>
#include "fri/fri.h"
#include "stark/keys.h"

namespace oneproof::stark {

// Values of one committed matrix's columns at the out-of-domain points.
struct MatrixOpenedValues {
  std::vector<Fp4> local;  // at zeta
  std::vector<Fp4> next;   // at zeta * g (empty for the quotient chunks)
};

struct TableProof {
  uint32_t log_height = 0;
  Digest main_commit{};
  Digest permutation_commit{};     // only for tables with interactions
  Fp4 cumulative_sum;              // only for tables with interactions
  Digest quotient_commit{};
  MatrixOpenedValues preprocessed, main, permutation, quotient;
};

// A row of a committed matrix at a query index, with its Merkle path.
struct RowOpening {
  std::vector<Fp> row;
  std::vector<Digest> path;
};

// Per query: for each table, its matrices in the order preprocessed?, main, permutation?, quotient.
struct QueryOpenings {
  std::vector<std::vector<RowOpening>> tables;
};

struct StarkProof {
  fri::FriParams params;  // a copy of the key's parameters: a proof says what it was made for
  std::vector<TableProof> tables;
  fri::FriProof fri;
  std::vector<QueryOpenings> queries;
};

}  // namespace oneproof::stark
