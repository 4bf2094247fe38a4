// Symbolic expressions for AIR constraints. A table's constraints are written once against
// `AirBuilder` (air.h) using `Expr` values; the builder records them as a small DAG which is then
// (a) checked row by row on a concrete trace, (b) evaluated over the LDE for the quotient and
// (c) evaluated at the out-of-domain point by the verifier. Nothing here knows about proofs.
//
// Degrees are tracked symbolically: a trace cell or a row selector has degree 1, a constant or a
// public value degree 0, products add degrees. The proof system caps the constraint degree at 3.
#pragma once
#include <cstdint>
#include <map>
#include <tuple>
#include <type_traits>
#include <vector>
#include "field/koalabear.h"

namespace oneproof::air {

using field::Fp;
using field::Fp4;

enum class Op : uint8_t {
  Const,         // value
  Main,          // column a of the main trace, row offset b (0 = local, 1 = next)
  Preprocessed,  // column a of the preprocessed trace, row offset b
  Public,        // public value a
  IsFirstRow,    // selectors: nonzero exactly on the first row / last row / all but the last row
  IsLastRow,
  IsTransition,
  Add, Sub, Mul,  // children a, b
  Neg,            // child a
};

struct Node {
  Op op;
  uint32_t a = 0, b = 0;
  Fp value;
  uint32_t degree = 0;
};

// The node arena of one table. Node ids are indices; children always precede their parents, so a
// single forward pass over `nodes` evaluates everything. Identical nodes are stored once (hash
// consing), so repeated subexpressions (selectors, constants, shared terms) are evaluated once.
struct ExprGraph {
  std::vector<Node> nodes;
  uint32_t add(Node n) {
    const auto key = std::make_tuple(uint8_t(n.op), n.a, n.b, n.value.v);
    auto [it, fresh] = index_.emplace(key, uint32_t(nodes.size()));
    if (fresh) nodes.push_back(n);
    return it->second;
  }

 private:
  std::map<std::tuple<uint8_t, uint32_t, uint32_t, uint32_t>, uint32_t> index_;
};

// A handle on a node of an ExprGraph. Cheap to copy; arithmetic appends nodes to the same graph.
class Expr {
 public:
  Expr() = default;
  Expr(ExprGraph* g, uint32_t id) : graph_(g), id_(id) {}
  uint32_t id() const { return id_; }
  ExprGraph* graph() const { return graph_; }
  uint32_t degree() const { return graph_->nodes[id_].degree; }

  Expr constant(Fp v) const { return make(Node{Op::Const, 0, 0, v, 0}); }
  Expr binary(Op op, const Expr& o) const {
    const uint32_t da = degree(), db = o.degree();
    const uint32_t d = op == Op::Mul ? da + db : (da > db ? da : db);
    return make(Node{op, id_, o.id_, Fp{}, d});
  }
  Expr operator-() const { return make(Node{Op::Neg, id_, 0, Fp{}, degree()}); }

 private:
  Expr make(Node n) const { return Expr(graph_, graph_->add(n)); }
  ExprGraph* graph_ = nullptr;
  uint32_t id_ = 0;
};

// Field constants mix freely with expressions: `x * x - 1`, `2 * a + b`, `a - Fp::one()`.
template <class T>
concept ScalarLike = std::is_integral_v<T> || std::is_same_v<T, Fp>;

template <ScalarLike T>
inline Fp to_fp(T v) {
  if constexpr (std::is_same_v<T, Fp>) {
    return v;
  } else if constexpr (std::is_signed_v<T>) {
    return v < 0 ? -Fp::from_u64(uint64_t(-(int64_t(v)))) : Fp::from_u64(uint64_t(v));
  } else {
    return Fp::from_u64(uint64_t(v));
  }
}

inline Expr operator+(const Expr& a, const Expr& b) { return a.binary(Op::Add, b); }
inline Expr operator-(const Expr& a, const Expr& b) { return a.binary(Op::Sub, b); }
inline Expr operator*(const Expr& a, const Expr& b) { return a.binary(Op::Mul, b); }
template <ScalarLike T> inline Expr operator+(const Expr& a, T b) { return a + a.constant(to_fp(b)); }
template <ScalarLike T> inline Expr operator-(const Expr& a, T b) { return a - a.constant(to_fp(b)); }
template <ScalarLike T> inline Expr operator*(const Expr& a, T b) { return a * a.constant(to_fp(b)); }
template <ScalarLike T> inline Expr operator+(T a, const Expr& b) { return b.constant(to_fp(a)) + b; }
template <ScalarLike T> inline Expr operator-(T a, const Expr& b) { return b.constant(to_fp(a)) - b; }
template <ScalarLike T> inline Expr operator*(T a, const Expr& b) { return b.constant(to_fp(a)) * b; }
inline Expr& operator+=(Expr& a, const Expr& b) { return a = a + b; }
inline Expr& operator-=(Expr& a, const Expr& b) { return a = a - b; }
inline Expr& operator*=(Expr& a, const Expr& b) { return a = a * b; }

}  // namespace oneproof::air
