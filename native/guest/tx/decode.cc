// Decoding of the five transaction forms, and their hashes.
#include <cstring>

#include "guest/crypto/keccak.h"
#include "guest/tx/transaction.h"

namespace oneproof::guest::tx {

const char* error_name(TxError e) {
  switch (e) {
    case TxError::Ok: return "ok";
    case TxError::Rlp: return "malformed rlp";
    case TxError::UnknownType: return "unknown transaction type";
    case TxError::EmptyEnvelope: return "empty typed transaction";
    case TxError::WrongFieldCount: return "wrong number of fields";
    case TxError::MissingTo: return "transaction type cannot create contracts";
    case TxError::InvalidSignature: return "invalid signature";
    case TxError::InvalidAuthorization: return "invalid authorization tuple";
  }
  return "unknown";
}

namespace {

// Field cursor over a payload list: each read advances; the first RLP error sticks.
class Fields {
 public:
  explicit Fields(const std::vector<rlp::Item>& items) : items_(items) {}
  rlp::Error error() const { return error_; }
  const rlp::Item& item(size_t i) const { return items_[i]; }
  size_t index() const { return next_; }

  const rlp::Item& take() { return items_[next_++]; }
  void u64(uint64_t& out) { keep(rlp::to_u64(take(), out)); }
  void u256(uint256& out) { keep(rlp::to_u256(take(), out)); }
  void bytes(Bytes& out) { keep(rlp::to_bytes(take(), out)); }
  // `to`: empty means contract creation, otherwise exactly 20 bytes.
  void to(bool& is_create, Address& out) {
    const rlp::Item& it = take();
    if (!it.is_list && it.payload_size == 0) {
      is_create = true;
      return;
    }
    is_create = false;
    keep(rlp::to_address(it, out));
  }
  void keep(rlp::Error e) {
    if (error_ == rlp::Error::Ok) error_ = e;
  }

 private:
  const std::vector<rlp::Item>& items_;
  size_t next_ = 0;
  rlp::Error error_ = rlp::Error::Ok;
};

rlp::Error decode_access_list(const rlp::Item& list, std::vector<AccessListEntry>& out, uint64_t& addresses,
                              uint64_t& keys) {
  std::vector<rlp::Item> entries, pair, slots;
  if (rlp::Error e = rlp::list_items(list, entries); e != rlp::Error::Ok) return e;
  for (const rlp::Item& entry : entries) {
    if (rlp::Error e = rlp::list_items(entry, 2, pair); e != rlp::Error::Ok) return e;
    AccessListEntry a;
    if (rlp::Error e = rlp::to_address(pair[0], a.address); e != rlp::Error::Ok) return e;
    if (rlp::Error e = rlp::list_items(pair[1], slots); e != rlp::Error::Ok) return e;
    for (const rlp::Item& slot : slots) {
      Hash32 k;
      if (rlp::Error e = rlp::to_hash(slot, k); e != rlp::Error::Ok) return e;
      a.storage_keys.push_back(k);
    }
    ++addresses;
    keys += a.storage_keys.size();
    out.push_back(std::move(a));
  }
  return rlp::Error::Ok;
}

rlp::Error decode_hash_list(const rlp::Item& list, std::vector<Hash32>& out) {
  std::vector<rlp::Item> items;
  if (rlp::Error e = rlp::list_items(list, items); e != rlp::Error::Ok) return e;
  for (const rlp::Item& it : items) {
    Hash32 h;
    if (rlp::Error e = rlp::to_hash(it, h); e != rlp::Error::Ok) return e;
    out.push_back(h);
  }
  return rlp::Error::Ok;
}

TxError decode_authorizations(const rlp::Item& list, std::vector<Authorization>& out, rlp::Error& rerr) {
  std::vector<rlp::Item> tuples, f;
  if ((rerr = rlp::list_items(list, tuples)) != rlp::Error::Ok) return TxError::Rlp;
  for (const rlp::Item& t : tuples) {
    if ((rerr = rlp::list_items(t, 6, f)) != rlp::Error::Ok) return TxError::Rlp;
    Authorization a;
    rlp::Error e = rlp::to_u256(f[0], a.chain_id);
    if (e == rlp::Error::Ok) e = rlp::to_address(f[1], a.address);
    if (e == rlp::Error::Ok) e = rlp::to_u64(f[2], a.nonce);
    if (e == rlp::Error::Ok) e = rlp::to_u256(f[3], a.y_parity);
    if (e == rlp::Error::Ok) e = rlp::to_u256(f[4], a.r);
    if (e == rlp::Error::Ok) e = rlp::to_u256(f[5], a.s);
    if ((rerr = e) != rlp::Error::Ok) return TxError::Rlp;
    if (a.y_parity >= uint256(256)) return TxError::InvalidAuthorization;
    out.push_back(a);
  }
  return TxError::Ok;
}

void count_data_bytes(Transaction& tx) {
  tx.data_zero_bytes = 0;
  for (uint8_t b : tx.data) tx.data_zero_bytes += b == 0;
  tx.data_nonzero_bytes = tx.data.size() - tx.data_zero_bytes;
}

// keccak(prefix || rlp-list(items[0..count))) built from the items' exact encodings.
Hash32 hash_of_list_prefix(const uint8_t* type_byte, const std::vector<rlp::Item>& items, size_t count,
                           const Bytes& extra_encoded = {}) {
  size_t payload = extra_encoded.size();
  for (size_t i = 0; i < count; ++i) payload += items[i].raw_size;
  Bytes prefix = rlp::list_prefix(payload);
  crypto::Keccak256 k;
  if (type_byte) k.update(type_byte, 1);
  k.update(prefix);
  for (size_t i = 0; i < count; ++i) k.update(items[i].raw, items[i].raw_size);
  k.update(extra_encoded);
  return k.finalize();
}

TxError decode_legacy(const rlp::Item& list, Transaction& tx, rlp::Error& rerr) {
  std::vector<rlp::Item> items;
  if ((rerr = rlp::list_items(list, items)) != rlp::Error::Ok) return TxError::Rlp;
  if (items.size() != 9) return TxError::WrongFieldCount;
  Fields f(items);
  tx.type = TxType::Legacy;
  f.u64(tx.nonce);
  f.u256(tx.gas_price);
  f.u64(tx.gas_limit);
  f.to(tx.is_create, tx.to);
  f.u256(tx.value);
  f.bytes(tx.data);
  f.u256(tx.v);
  f.u256(tx.r);
  f.u256(tx.s);
  if ((rerr = f.error()) != rlp::Error::Ok) return TxError::Rlp;
  tx.max_fee_per_gas = tx.max_priority_fee_per_gas = tx.gas_price;

  // v = 27/28 (pre-EIP-155) or 35 + 2*chain_id + parity (EIP-155).
  if (tx.v == uint256(27) || tx.v == uint256(28)) {
    tx.has_chain_id = false;
    tx.signing_hash = hash_of_list_prefix(nullptr, items, 6);
  } else if (tx.v >= uint256(35)) {
    tx.has_chain_id = true;
    tx.chain_id = (tx.v - uint256(35)) >> 1;
    rlp::Encoder extra;
    extra.add_u256(tx.chain_id);
    extra.add_u64(0);
    extra.add_u64(0);
    tx.signing_hash = hash_of_list_prefix(nullptr, items, 6, extra.bytes());
  } else {
    return TxError::InvalidSignature;
  }
  tx.encoded = list.raw_bytes();
  return TxError::Ok;
}

TxError decode_typed(const uint8_t* p, size_t n, Transaction& tx, rlp::Error& rerr) {
  if (n == 0) return TxError::EmptyEnvelope;
  uint8_t type = p[0];
  size_t count = 0;
  switch (type) {
    case 1: count = 11; break;
    case 2: count = 12; break;
    case 3: count = 14; break;
    case 4: count = 13; break;
    default: return TxError::UnknownType;
  }
  rlp::Item list;
  if ((rerr = rlp::decode(p + 1, n - 1, list)) != rlp::Error::Ok) return TxError::Rlp;
  std::vector<rlp::Item> items;
  if ((rerr = rlp::list_items(list, items)) != rlp::Error::Ok) return TxError::Rlp;
  if (items.size() != count) return TxError::WrongFieldCount;

  tx.type = TxType(type);
  tx.has_chain_id = true;
  Fields f(items);
  f.u256(tx.chain_id);
  f.u64(tx.nonce);
  if (tx.type == TxType::AccessList) {
    f.u256(tx.gas_price);
    tx.max_fee_per_gas = tx.max_priority_fee_per_gas = tx.gas_price;
  } else {
    f.u256(tx.max_priority_fee_per_gas);
    f.u256(tx.max_fee_per_gas);
    tx.gas_price = tx.max_fee_per_gas;
  }
  f.u64(tx.gas_limit);
  f.to(tx.is_create, tx.to);
  f.u256(tx.value);
  f.bytes(tx.data);
  f.keep(decode_access_list(f.take(), tx.access_list, tx.access_list_addresses, tx.access_list_storage_keys));
  if (tx.type == TxType::Blob) {
    f.u256(tx.max_fee_per_blob_gas);
    f.keep(decode_hash_list(f.take(), tx.blob_versioned_hashes));
  }
  if (tx.type == TxType::SetCode && f.error() == rlp::Error::Ok) {
    if (TxError e = decode_authorizations(f.take(), tx.authorizations, rerr); e != TxError::Ok) return e;
  }
  f.u256(tx.v);
  f.u256(tx.r);
  f.u256(tx.s);
  if ((rerr = f.error()) != rlp::Error::Ok) return TxError::Rlp;
  if (tx.is_create && (tx.type == TxType::Blob || tx.type == TxType::SetCode)) return TxError::MissingTo;

  tx.signing_hash = hash_of_list_prefix(&type, items, count - 3);
  tx.encoded.assign(p, p + n);
  return TxError::Ok;
}

}  // namespace

TxError decode(const uint8_t* p, size_t n, Transaction& out, rlp::Error* rlp_error) {
  rlp::Error rerr = rlp::Error::Ok;
  out = Transaction{};
  TxError e;
  if (n == 0) {
    e = TxError::EmptyEnvelope;
  } else if (p[0] >= 0xc0) {
    rlp::Item list;
    rerr = rlp::decode(p, n, list);
    e = rerr == rlp::Error::Ok ? decode_legacy(list, out, rerr) : TxError::Rlp;
  } else {
    e = decode_typed(p, n, out, rerr);
  }
  if (rlp_error) *rlp_error = rerr;
  if (e != TxError::Ok) return e;
  count_data_bytes(out);
  out.hash = crypto::keccak256(out.encoded);
  return TxError::Ok;
}

TxError decode_block_item(const rlp::Item& item, Transaction& out, rlp::Error* rlp_error) {
  if (item.is_list) return decode(item.raw, item.raw_size, out, rlp_error);
  // A typed transaction travels as an RLP string wrapping type || payload.
  if (item.payload_size > 0 && item.payload[0] >= 0x80) {
    if (rlp_error) *rlp_error = rlp::Error::Ok;
    return TxError::UnknownType;
  }
  return decode(item.payload, item.payload_size, out, rlp_error);
}

}  // namespace oneproof::guest::tx
