// Block-wise DAG evaluation (trace_eval.h).
#include "stark/trace_eval.h"

#include <algorithm>

#include "field/vector_ops.h"

namespace oneproof::stark {

std::vector<uint8_t> nodes_needed(const air::ExprGraph& g, std::span<const uint32_t> roots) {
  std::vector<uint8_t> needed(g.nodes.size(), 0);
  for (uint32_t r : roots) needed[r] = 1;
  // Operands have smaller ids than the nodes using them (the builder appends), so one pass down.
  for (size_t id = g.nodes.size(); id-- > 0;) {
    if (!needed[id]) continue;
    const air::Node& n = g.nodes[id];
    switch (n.op) {
      case air::Op::Add:
      case air::Op::Sub:
      case air::Op::Mul:
        needed[n.a] = needed[n.b] = 1;
        break;
      case air::Op::Neg:
        needed[n.a] = 1;
        break;
      default:
        break;
    }
  }
  return needed;
}

void evaluate_block(const air::ExprGraph& g, const RowSource& src, size_t r0, size_t len, std::vector<Fp>& values,
                    const std::vector<uint8_t>* needed) {
  values.resize(g.nodes.size() * len);
  const size_t height = src.main->height;
  for (size_t id = 0; id < g.nodes.size(); ++id) {
    if (needed && !(*needed)[id]) continue;
    const air::Node& n = g.nodes[id];
    Fp* out = values.data() + id * len;
    switch (n.op) {
      case air::Op::Const:
        for (size_t i = 0; i < len; ++i) out[i] = n.value;
        break;
      case air::Op::Main:
      case air::Op::Preprocessed: {
        const field::Matrix* m = n.op == air::Op::Main ? src.main : src.preprocessed;
        const size_t start = (r0 + n.b * src.next_step) % height;
        const size_t before_wrap = std::min(len, height - start);
        const Fp* cell = m->values.data() + start * m->width + n.a;
        for (size_t i = 0; i < before_wrap; ++i) out[i] = cell[i * m->width];
        for (size_t i = before_wrap; i < len; ++i) out[i] = m->at(i - before_wrap, n.a);
        break;
      }
      case air::Op::Public:
        for (size_t i = 0; i < len; ++i) out[i] = src.publics[n.a];
        break;
      case air::Op::IsFirstRow:
        for (size_t i = 0; i < len; ++i) out[i] = src.is_first[r0 + i];
        break;
      case air::Op::IsLastRow:
        for (size_t i = 0; i < len; ++i) out[i] = src.is_last[r0 + i];
        break;
      case air::Op::IsTransition:
        for (size_t i = 0; i < len; ++i) out[i] = src.is_transition[r0 + i];
        break;
      case air::Op::Add:
        field::add_arrays(values.data() + n.a * len, values.data() + n.b * len, out, len);
        break;
      case air::Op::Sub:
        field::sub_arrays(values.data() + n.a * len, values.data() + n.b * len, out, len);
        break;
      case air::Op::Mul:
        field::mul_arrays(values.data() + n.a * len, values.data() + n.b * len, out, len);
        break;
      case air::Op::Neg: {
        const Fp* a = values.data() + n.a * len;
        for (size_t i = 0; i < len; ++i) out[i] = -a[i];
        break;
      }
    }
  }
}

}  // namespace oneproof::stark
