// A table's constraints in evaluable form: `compile(air)` runs `air.eval` on a recording builder,
// checks the degree bound and gives a `CompiledAir` holding the expression DAG, the constraint and
// interaction lists, the maximum degree and a structural digest (bound into the verifying key, so
// a key only verifies proofs of exactly these constraints).
//
// `evaluate_nodes<T>` is the one interpreter used everywhere: over Fp for the trace checker and the
// prover's quotient (one row at a time or a block of rows), over Fp4 for the verifier's
// out-of-domain check. `Leaves` supplies the values of the leaf nodes (trace cells, selectors...).
#pragma once
#include <array>
#include <cstdint>
#include <string>
#include <vector>
#include "air/air.h"

namespace oneproof::air {

struct CompiledAir {
  std::string name;
  size_t width = 0, preprocessed_width = 0, num_public_values = 0;
  ExprGraph graph;
  std::vector<Constraint> constraints;
  std::vector<Interaction> interactions;
  // Interactions grouped into LogUp columns (consecutive runs, greedily, while the batch's
  // constraint h * prod f_i - sum_i m_i prod_{j != i} f_j stays within MAX_CONSTRAINT_DEGREE):
  // one committed F_{p^4} column per batch instead of one per interaction.
  std::vector<std::vector<uint32_t>> lookup_batches;
  uint32_t max_degree = 0;                // over constraints and LogUp constraints (>= 2 if any)
  std::array<Fp, 8> digest{};             // hash of the name, shape and DAG
};

// Throws std::invalid_argument when a constraint or interaction exceeds MAX_CONSTRAINT_DEGREE or
// the AIR states nothing at all.
CompiledAir compile(const Air& air);

// Degree of the LogUp constraint h * fingerprint(tuple) - multiplicity of one interaction.
uint32_t interaction_degree(const ExprGraph& g, const Interaction& it);
// Degree of a batch's constraint h * prod_i f_i - sum_i m_i prod_{j != i} f_j.
uint32_t batch_degree(const ExprGraph& g, const std::vector<Interaction>& interactions, const std::vector<uint32_t>& batch);

template <class T>
inline T lift(Fp v) {
  if constexpr (std::is_same_v<T, Fp4>) return Fp4::from_base(v);
  else return v;
}

// values[i] = value of node i. Leaves must provide: main(col, offset), preprocessed(col, offset),
// public_value(i), is_first_row(), is_last_row(), is_transition(), all returning T.
template <class T, class Leaves>
void evaluate_nodes(const ExprGraph& g, const Leaves& leaves, std::vector<T>& values) {
  values.resize(g.nodes.size());
  for (size_t i = 0; i < g.nodes.size(); ++i) {
    const Node& n = g.nodes[i];
    switch (n.op) {
      case Op::Const: values[i] = lift<T>(n.value); break;
      case Op::Main: values[i] = leaves.main(n.a, n.b); break;
      case Op::Preprocessed: values[i] = leaves.preprocessed(n.a, n.b); break;
      case Op::Public: values[i] = leaves.public_value(n.a); break;
      case Op::IsFirstRow: values[i] = leaves.is_first_row(); break;
      case Op::IsLastRow: values[i] = leaves.is_last_row(); break;
      case Op::IsTransition: values[i] = leaves.is_transition(); break;
      case Op::Add: values[i] = values[n.a] + values[n.b]; break;
      case Op::Sub: values[i] = values[n.a] - values[n.b]; break;
      case Op::Mul: values[i] = values[n.a] * values[n.b]; break;
      case Op::Neg: values[i] = -values[n.a]; break;
    }
  }
}

}  // namespace oneproof::air
