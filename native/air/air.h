// The AIR interface: how a table (a "chip") states its constraints and bus interactions.
//
// A table implements `Air`: its width, optional preprocessed (fixed) columns, the number of public
// values it reads, and `eval(AirBuilder&)`, which states every constraint once:
//
//   void eval(AirBuilder& b) const override {
//     Expr a = b.local(0), a_next = b.next(0);
//     b.when_first_row().assert_eq(a, b.public_value(0));
//     b.when_transition().assert_eq(a_next, a * a);              // degree 2
//     b.assert_bool(b.local(1));                                 // on every row
//     b.send(BUS_RANGE, {a}, b.local(1));                        // LogUp: multiplicity local(1)
//   }
//
// The builder records the constraints symbolically (expr.h), so the same `eval` gives the trace
// checker (air/checker.h), the prover's quotient evaluation and the verifier's out-of-domain check
// (air/symbolic.h, stark/). Rules enforced by `compile` (symbolic.h):
//   - every constraint, and every interaction (1 + degree of its tuple, degree of its
//     multiplicity), has degree <= MAX_CONSTRAINT_DEGREE (3);
//   - column / public indices are within the declared counts (checked here, std::out_of_range);
//   - `next` reads wrap around: on the last row, next() is row 0, so guard transition
//     constraints with when_transition().
//
// LogUp buses: `send(bus, tuple, m)` adds m / fingerprint(bus, tuple) to the bus's running sum,
// `receive` subtracts it. Across all tables of a proof each bus must balance (the sum of all
// per-table cumulative sums is zero). Multiplicities are field elements, so a negative
// multiplicity is just `p - k`; where counts matter the AIR must bound them itself (e.g. boolean
// flags), since a balance is only a balance modulo p. A bus must carry tuples of one fixed arity
// everywhere it is used (setup refuses otherwise); bus ids must be < MAX_BUS_ID.
#pragma once
#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>
#include "air/expr.h"
#include "field/matrix.h"

namespace oneproof::air {

inline constexpr uint32_t MAX_CONSTRAINT_DEGREE = 3;
// Bus ids enter the LogUp fingerprint as field elements, so they must stay below p.
inline constexpr uint32_t MAX_BUS_ID = 1u << 24;
// Proofs that are parts of one statement (zkVM segments) share the buses with ids in
// [GLOBAL_BUS_MIN, GLOBAL_BUS_LIMIT); every other bus is private to its proof (stark/constraints.h).
inline constexpr uint32_t GLOBAL_BUS_MIN = 1000;
inline constexpr uint32_t GLOBAL_BUS_LIMIT = 4096;

struct Constraint {
  uint32_t node;      // expression that must vanish on every row
  std::string label;  // for error messages (may be empty)
};

struct Interaction {
  uint32_t bus;
  std::vector<uint32_t> values;  // tuple expressions
  uint32_t multiplicity;         // expression; already negated for receives
  std::string label;
};

class AirBuilder;

// A set of constraints sharing a condition: `b.when(cond).assert_zero(x)` asserts cond * x == 0.
class ConstraintScope {
 public:
  void assert_zero(const Expr& e, std::string label = {}) const;
  void assert_eq(const Expr& a, const Expr& b, std::string label = {}) const { assert_zero(a - b, std::move(label)); }
  template <ScalarLike T>
  void assert_eq(const Expr& a, T b, std::string label = {}) const { assert_zero(a - b, std::move(label)); }
  void assert_bool(const Expr& x, std::string label = {}) const { assert_zero(x * (x - 1), std::move(label)); }
  ConstraintScope when(const Expr& condition) const {
    return ConstraintScope(builder_, condition_ ? *condition_ * condition : condition);
  }
  // cond != 0  ==>  ... : the same as when(cond) for boolean cond.
  ConstraintScope when_ne(const Expr& a, const Expr& b) const { return when(a - b); }

 protected:
  ConstraintScope(AirBuilder* b, std::optional<Expr> condition) : builder_(b), condition_(condition) {}
  AirBuilder* builder_;
  std::optional<Expr> condition_;
};

class AirBuilder : public ConstraintScope {
 public:
  AirBuilder(size_t width, size_t preprocessed_width, size_t num_public_values)
      : ConstraintScope(this, std::nullopt), width_(width), pre_width_(preprocessed_width), num_publics_(num_public_values) {}
  AirBuilder(const AirBuilder&) = delete;
  AirBuilder& operator=(const AirBuilder&) = delete;

  // Trace access. `next` reads the following row (cyclically).
  Expr local(size_t column) { return leaf(Op::Main, checked(column, width_, "main column"), 0, 1); }
  Expr next(size_t column) { return leaf(Op::Main, checked(column, width_, "main column"), 1, 1); }
  Expr pre_local(size_t column) { return leaf(Op::Preprocessed, checked(column, pre_width_, "preprocessed column"), 0, 1); }
  Expr pre_next(size_t column) { return leaf(Op::Preprocessed, checked(column, pre_width_, "preprocessed column"), 1, 1); }
  Expr public_value(size_t index) { return leaf(Op::Public, checked(index, num_publics_, "public value"), 0, 0); }
  Expr constant(Fp v) { return Expr(&graph_, graph_.add(Node{Op::Const, 0, 0, v, 0})); }
  template <ScalarLike T>
  Expr constant(T v) { return constant(to_fp(v)); }

  // Row selectors (degree 1 each).
  Expr is_first_row() { return leaf(Op::IsFirstRow, 0, 0, 1); }
  Expr is_last_row() { return leaf(Op::IsLastRow, 0, 0, 1); }
  Expr is_transition() { return leaf(Op::IsTransition, 0, 0, 1); }
  ConstraintScope when_first_row() { return when(is_first_row()); }
  ConstraintScope when_last_row() { return when(is_last_row()); }
  ConstraintScope when_transition() { return when(is_transition()); }

  // LogUp interactions.
  void send(uint32_t bus, std::initializer_list<Expr> tuple, const Expr& multiplicity, std::string label = {}) {
    interact(bus, std::vector<Expr>(tuple), multiplicity, std::move(label));
  }
  void send(uint32_t bus, const std::vector<Expr>& tuple, const Expr& multiplicity, std::string label = {}) {
    interact(bus, tuple, multiplicity, std::move(label));
  }
  void receive(uint32_t bus, std::initializer_list<Expr> tuple, const Expr& multiplicity, std::string label = {}) {
    interact(bus, std::vector<Expr>(tuple), -multiplicity, std::move(label));
  }
  void receive(uint32_t bus, const std::vector<Expr>& tuple, const Expr& multiplicity, std::string label = {}) {
    interact(bus, tuple, -multiplicity, std::move(label));
  }
  template <ScalarLike T>
  void send(uint32_t bus, std::initializer_list<Expr> tuple, T multiplicity, std::string label = {}) {
    send(bus, tuple, constant(multiplicity), std::move(label));
  }
  template <ScalarLike T>
  void receive(uint32_t bus, std::initializer_list<Expr> tuple, T multiplicity, std::string label = {}) {
    receive(bus, tuple, constant(multiplicity), std::move(label));
  }

  // What was recorded (used by air::compile).
  const ExprGraph& graph() const { return graph_; }
  const std::vector<Constraint>& constraints() const { return constraints_; }
  const std::vector<Interaction>& interactions() const { return interactions_; }

 private:
  friend class ConstraintScope;
  static uint32_t checked(size_t index, size_t count, const char* what) {
    if (index >= count) throw std::out_of_range(std::string("AirBuilder: ") + what + " index out of range");
    return uint32_t(index);
  }
  Expr leaf(Op op, uint32_t a, uint32_t b, uint32_t degree) { return Expr(&graph_, graph_.add(Node{op, a, b, Fp{}, degree})); }
  void interact(uint32_t bus, const std::vector<Expr>& tuple, const Expr& multiplicity, std::string label) {
    Interaction it{bus, {}, multiplicity.id(), std::move(label)};
    for (const Expr& e : tuple) it.values.push_back(e.id());
    interactions_.push_back(std::move(it));
  }

  ExprGraph graph_;
  std::vector<Constraint> constraints_;
  std::vector<Interaction> interactions_;
  size_t width_, pre_width_, num_publics_;
};

inline void ConstraintScope::assert_zero(const Expr& e, std::string label) const {
  const Expr c = condition_ ? *condition_ * e : e;
  builder_->constraints_.push_back(Constraint{c.id(), std::move(label)});
}

// One table of a multi-table proof.
class Air {
 public:
  virtual ~Air() = default;
  // Stable identifier; it is bound into the verifying key.
  virtual std::string name() const = 0;
  virtual size_t width() const = 0;
  virtual size_t num_public_values() const { return 0; }
  // Fixed columns (program ROM, byte tables): committed once, in the verifying key. A table with
  // preprocessed columns always has exactly the preprocessed trace's height (a power of two).
  virtual size_t preprocessed_width() const { return 0; }
  virtual field::Matrix preprocessed_trace() const { return {}; }
  // States the constraints and interactions (see the file comment).
  virtual void eval(AirBuilder& b) const = 0;
};

}  // namespace oneproof::air
