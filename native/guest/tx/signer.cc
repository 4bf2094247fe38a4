// Sender and EIP-7702 authority recovery.
#include "guest/crypto/keccak.h"
#include "guest/crypto/secp256k1.h"
#include "guest/tx/transaction.h"

namespace oneproof::guest::tx {

TxError recover_sender(const Transaction& tx, Address& sender, bool require_low_s) {
  unsigned parity;
  if (tx.type == TxType::Legacy) {
    if (tx.has_chain_id) parity = unsigned((tx.v - uint256(35)).low64() & 1);
    else parity = unsigned(tx.v.low64() - 27);  // decode() admitted only 27 and 28
  } else {
    if (tx.v > uint256(1)) return TxError::InvalidSignature;
    parity = unsigned(tx.v.low64());
  }
  crypto::RecoverError e = crypto::recover_address(tx.signing_hash, tx.r, tx.s, parity, require_low_s, sender);
  return e == crypto::RecoverError::Ok ? TxError::Ok : TxError::InvalidSignature;
}

void recover_authorities(Transaction& tx) {
  for (Authorization& a : tx.authorizations) {
    a.authority_valid = false;
    if (a.y_parity > uint256(1)) continue;
    // The authority signed keccak(MAGIC 0x05 || rlp([chain_id, address, nonce])).
    rlp::Encoder enc;
    size_t list = enc.begin_list();
    enc.add_u256(a.chain_id);
    enc.add_bytes(a.address);
    enc.add_u64(a.nonce);
    enc.end_list(list);
    crypto::Keccak256 k;
    const uint8_t magic = 0x05;
    k.update(&magic, 1);
    k.update(enc.bytes());
    Hash32 digest = k.finalize();
    a.authority_valid = crypto::recover_address(digest, a.r, a.s, unsigned(a.y_parity.low64()), true,
                                                a.authority) == crypto::RecoverError::Ok;
  }
}

}  // namespace oneproof::guest::tx
