// The stateless block validator guest: reads the whole input, validates, commits the 97-byte
// public values (see input.h) and halts with 0 (valid), 1 (invalid or malformed input) or 3 (the
// witness lacks data the block needs). Only built for rv32im.
#include <cstdlib>

#include "guest/validator/input.h"
#include "oneproof/guest.h"

int main() {
  size_t n = op_input_len();
  uint8_t* data = static_cast<uint8_t*>(std::malloc(n ? n : 1));
  if (data == nullptr) op_halt(2);
  op_read(data, n);
  oneproof::guest::block::BlockResult r = oneproof::guest::validator::validate_encoded(data, n);
  uint8_t values[oneproof::guest::validator::kPublicValuesSize];
  oneproof::guest::validator::public_values(r, values);
  op_commit(values, sizeof values);
  op_halt(r.success ? 0 : r.witness_incomplete ? 3 : 1);
}
