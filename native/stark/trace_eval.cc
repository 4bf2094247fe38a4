// Block-wise DAG evaluation (trace_eval.h).
#include "stark/trace_eval.h"

namespace oneproof::stark {

void evaluate_block(const air::ExprGraph& g, const RowSource& src, size_t r0, size_t len, std::vector<Fp>& values) {
  values.resize(g.nodes.size() * len);
  const size_t height = src.main->height;
  for (size_t id = 0; id < g.nodes.size(); ++id) {
    const air::Node& n = g.nodes[id];
    Fp* out = values.data() + id * len;
    switch (n.op) {
      case air::Op::Const:
        for (size_t i = 0; i < len; ++i) out[i] = n.value;
        break;
      case air::Op::Main:
      case air::Op::Preprocessed: {
        const field::Matrix* m = n.op == air::Op::Main ? src.main : src.preprocessed;
        const size_t offset = n.b * src.next_step;
        for (size_t i = 0; i < len; ++i) out[i] = m->at((r0 + i + offset) % height, n.a);
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
      case air::Op::Add: {
        const Fp *a = values.data() + n.a * len, *b = values.data() + n.b * len;
        for (size_t i = 0; i < len; ++i) out[i] = a[i] + b[i];
        break;
      }
      case air::Op::Sub: {
        const Fp *a = values.data() + n.a * len, *b = values.data() + n.b * len;
        for (size_t i = 0; i < len; ++i) out[i] = a[i] - b[i];
        break;
      }
      case air::Op::Mul: {
        const Fp *a = values.data() + n.a * len, *b = values.data() + n.b * len;
        for (size_t i = 0; i < len; ++i) out[i] = a[i] * b[i];
        break;
      }
      case air::Op::Neg: {
        const Fp* a = values.data() + n.a * len;
        for (size_t i = 0; i < len; ++i) out[i] = -a[i];
        break;
      }
    }
  }
}

}  // namespace oneproof::stark
