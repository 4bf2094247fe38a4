// Roots of the block's ordered tries (transactions, receipts, withdrawals): key rlp(index).
#pragma once
#include <vector>

#include "guest/common/bytes.h"

namespace oneproof::guest::block {

Hash32 ordered_trie_root(const std::vector<Bytes>& values);

}  // namespace oneproof::guest::block
