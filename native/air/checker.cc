// Row-by-row constraint checking and exact bus balancing.
#include "air/checker.h"

#include <map>

namespace oneproof::air {

namespace {
struct RowLeaves {
  const field::Matrix* trace;
  const field::Matrix* pre;
  std::span<const Fp> publics;
  size_t row, height;
  Fp cell(const field::Matrix* m, uint32_t col, uint32_t offset) const { return m->at((row + offset) % height, col); }
  Fp main(uint32_t c, uint32_t o) const { return cell(trace, c, o); }
  Fp preprocessed(uint32_t c, uint32_t o) const { return cell(pre, c, o); }
  Fp public_value(uint32_t i) const { return publics[i]; }
  Fp is_first_row() const { return row == 0 ? Fp::one() : Fp::zero(); }
  Fp is_last_row() const { return row + 1 == height ? Fp::one() : Fp::zero(); }
  Fp is_transition() const { return row + 1 == height ? Fp::zero() : Fp::one(); }
};

std::optional<std::string> shape_error(const CompiledAir& air, const field::Matrix& main, const field::Matrix* pre,
                                       std::span<const Fp> publics) {
  if (main.width != air.width) return "main trace width " + std::to_string(main.width) + " != " + std::to_string(air.width);
  if (main.height == 0 || (main.height & (main.height - 1)) != 0) return "trace height must be a power of two";
  if (publics.size() != air.num_public_values) return "wrong number of public values";
  if (air.preprocessed_width > 0) {
    if (!pre || pre->width != air.preprocessed_width || pre->height != main.height)
      return "preprocessed trace missing or of the wrong shape";
  }
  return std::nullopt;
}
}  // namespace

std::optional<ConstraintViolation> check_constraints(const CompiledAir& air, const field::Matrix& main,
                                                     const field::Matrix* preprocessed, std::span<const Fp> publics) {
  if (auto e = shape_error(air, main, preprocessed, publics)) return ConstraintViolation{0, 0, air.name + ": " + *e};
  std::vector<Fp> values;
  for (size_t row = 0; row < main.height; ++row) {
    RowLeaves leaves{&main, preprocessed, publics, row, main.height};
    evaluate_nodes<Fp>(air.graph, leaves, values);
    for (size_t k = 0; k < air.constraints.size(); ++k) {
      if (!values[air.constraints[k].node].is_zero()) {
        const auto& label = air.constraints[k].label;
        return ConstraintViolation{row, k, air.name + ": constraint " + std::to_string(k) + (label.empty() ? "" : " '" + label + "'") +
                                               " fails on row " + std::to_string(row)};
      }
    }
  }
  return std::nullopt;
}

std::optional<BusImbalance> check_buses(std::span<const TableTrace> tables, bool local_only) {
  std::map<std::vector<uint32_t>, Fp> net;  // key: bus, tuple values (canonical)
  std::map<uint32_t, size_t> arity;
  std::vector<Fp> values;
  for (const TableTrace& t : tables) {
    if (auto e = shape_error(*t.air, *t.main, t.preprocessed, t.publics))
      return BusImbalance{0, {}, Fp::zero(), t.air->name + ": " + *e};
    for (const Interaction& it : t.air->interactions) {
      auto [pos, fresh] = arity.emplace(it.bus, it.values.size());
      if (!fresh && pos->second != it.values.size())
        return BusImbalance{it.bus, {}, Fp::zero(), "bus " + std::to_string(it.bus) + " used with two tuple arities"};
    }
    if (t.air->interactions.empty()) continue;
    for (size_t row = 0; row < t.main->height; ++row) {
      RowLeaves leaves{t.main, t.preprocessed, t.publics, row, t.main->height};
      evaluate_nodes<Fp>(t.air->graph, leaves, values);
      for (const Interaction& it : t.air->interactions) {
        std::vector<uint32_t> key{it.bus};
        for (uint32_t v : it.values) key.push_back(values[v].to_u32());
        net[key] += values[it.multiplicity];
      }
    }
  }
  for (const auto& [key, m] : net) {
    if (m.is_zero()) continue;
    if (local_only && key[0] >= GLOBAL_BUS_MIN && key[0] < GLOBAL_BUS_LIMIT) continue;
    BusImbalance b{key[0], {}, m, {}};
    std::string tuple;
    for (size_t i = 1; i < key.size(); ++i) {
      b.tuple.push_back(Fp::from_u32(key[i]));
      if (i > 1) tuple.push_back(',');
      tuple.append(std::to_string(key[i]));
    }
    b.message = "bus " + std::to_string(key[0]) + " tuple (" + tuple + ") has net multiplicity " + std::to_string(m.to_u32());
    return b;
  }
  return std::nullopt;
}

}  // namespace oneproof::air
