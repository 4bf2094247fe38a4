// Shared twiddle table: tw[half + k] = omega_{2 half}^k for half = 1, 2, 4, ... and k < half, so one
// table of size 2^log_n serves every transform of size <= 2^log_n. Grown on demand, shared between
// threads; the returned pointer stays valid as long as the shared_ptr is held.
#pragma once
#include <memory>
#include <vector>
#include "field/koalabear.h"

namespace oneproof::ntt {

std::shared_ptr<const std::vector<field::Fp>> twiddles(unsigned log_n);

}  // namespace oneproof::ntt
