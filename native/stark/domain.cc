// Domain helpers (domain.h).
#include "stark/domain.h"

#include <stdexcept>
#include "common/parallel.h"
#include "field/vector_ops.h"
#include "ntt/ntt.h"

namespace oneproof::stark {

template <class F>
std::vector<F> batch_inverse(const std::vector<F>& xs) {
  std::vector<F> out(xs.size());
  parallel::parallel_for(0, xs.size(), 1024, [&](size_t lo, size_t hi) {
    F acc = F::one();
    for (size_t i = lo; i < hi; ++i) {
      if (xs[i].is_zero()) throw std::domain_error("batch_inverse: zero element");
      out[i] = acc;
      acc *= xs[i];
    }
    F inv = acc.inverse();
    for (size_t i = hi; i-- > lo;) {
      out[i] *= inv;
      inv *= xs[i];
    }
  });
  return out;
}
template std::vector<Fp> batch_inverse(const std::vector<Fp>&);
template std::vector<Fp4> batch_inverse(const std::vector<Fp4>&);

Selectors selectors_at(Fp4 x, unsigned log_n) {
  const Fp g_inv = field::two_adic_generator(log_n).inverse();
  Selectors s;
  s.zerofier = x.pow(uint64_t(1) << log_n) - Fp4::one();
  s.is_first = s.zerofier * (x - Fp4::one()).inverse();
  s.is_last = s.zerofier * (x - Fp4::from_base(g_inv)).inverse();
  s.is_transition = x - Fp4::from_base(g_inv);
  return s;
}

std::vector<Fp4> evaluate_columns_at(const field::Matrix& trace, Fp4 z) {
  // p(z) = (z^n - 1) / n * sum_i p_i * w^i / (z - w^i)
  const size_t n = trace.height;
  unsigned log_n = 0;
  while ((size_t(1) << log_n) < n) ++log_n;
  const Fp w = field::two_adic_generator(log_n);
  std::vector<Fp> points(n);
  Fp p = Fp::one();
  for (size_t i = 0; i < n; ++i) { points[i] = p; p *= w; }
  std::vector<Fp4> denom(n);
  for (size_t i = 0; i < n; ++i) denom[i] = z - Fp4::from_base(points[i]);
  std::vector<Fp4> weights = batch_inverse(denom);
  const Fp4 scale = (z.pow(n) - Fp4::one()) * Fp::from_u64(n).inverse();
  for (size_t i = 0; i < n; ++i) weights[i] = weights[i] * points[i] * scale;

  // out[col] = sum_i weights[i] * trace[i][col]: per row, four SIMD scale-and-add passes over the
  // contiguous row (one per coefficient of the F_{p^4} weight), into per-chunk partial sums.
  const size_t width = trace.width;
  const size_t chunks = std::max<size_t>(1, std::min<size_t>(parallel::thread_count() * 4, n / 256));
  std::vector<std::vector<Fp>> partial(chunks, std::vector<Fp>(4 * width));
  parallel::parallel_for(0, chunks, 1, [&](size_t clo, size_t chi) {
    std::vector<Fp> scaled(width);
    for (size_t c = clo; c < chi; ++c) {
      std::vector<Fp>& acc = partial[c];
      for (size_t i = n * c / chunks; i < n * (c + 1) / chunks; ++i) {
        for (int e = 0; e < 4; ++e) {
          field::scale_array(trace.row(i), weights[i].c[e], scaled.data(), width);
          field::add_arrays(acc.data() + e * width, scaled.data(), acc.data() + e * width, width);
        }
      }
    }
  });
  std::vector<Fp4> out(width);
  for (const auto& part : partial)
    for (size_t col = 0; col < width; ++col)
      for (int e = 0; e < 4; ++e) out[col].c[e] += part[e * width + col];
  return out;
}

std::vector<Fp> coset_points(unsigned log_n, Fp shift) {
  const size_t n = size_t(1) << log_n;
  std::vector<Fp> xs(n);
  const Fp w = field::two_adic_generator(log_n);
  parallel::parallel_for(0, n, 4096, [&](size_t lo, size_t hi) {
    Fp x = shift * w.pow(lo);
    for (size_t j = lo; j < hi; ++j) { xs[j] = x; x *= w; }
  });
  return xs;
}

field::Matrix coset_evaluate(const field::Matrix& coeffs, unsigned log_n, Fp shift) {
  const size_t n = size_t(1) << log_n;
  if (coeffs.height > n) throw std::invalid_argument("coset_evaluate: more coefficients than points");
  field::Matrix m(coeffs.width, n);
  Fp power = Fp::one();
  for (size_t i = 0; i < coeffs.height; ++i) {
    for (size_t c = 0; c < coeffs.width; ++c) m.at(i, c) = coeffs.at(i, c) * power;
    power *= shift;
  }
  ntt::forward(m);
  return m;
}

}  // namespace oneproof::stark
