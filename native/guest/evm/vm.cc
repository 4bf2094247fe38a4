// Call and create frames; see vm.h.
#include "guest/evm/vm.h"

#include "guest/crypto/keccak.h"
#include "guest/evm/precompiles.h"

namespace oneproof::guest::evm {

Hash32 keccak(const uint8_t* data, size_t len) { return crypto::keccak256(data, len); }

Address create_address(const Address& sender, uint64_t nonce) {
  // rlp([sender, nonce]): a short list of a 20-byte string and a minimal big-endian integer.
  uint8_t buf[1 + 21 + 9];
  size_t n = 0;
  uint8_t nonce_be[8];
  size_t nonce_len = 0;
  for (int i = 7; i >= 0; --i) {
    uint8_t byte = uint8_t(nonce >> (i * 8));
    if (nonce_len == 0 && byte == 0) continue;
    nonce_be[nonce_len++] = byte;
  }
  size_t nonce_item = (nonce_len == 1 && nonce_be[0] < 0x80) ? 1 : 1 + nonce_len;
  buf[n++] = uint8_t(0xc0 + 21 + nonce_item);
  buf[n++] = 0x94;
  for (int i = 0; i < 20; ++i) buf[n++] = sender.b[i];
  if (nonce_len == 0) buf[n++] = 0x80;
  else if (nonce_item == 1) buf[n++] = nonce_be[0];
  else { buf[n++] = uint8_t(0x80 + nonce_len); for (size_t i = 0; i < nonce_len; ++i) buf[n++] = nonce_be[i]; }
  Hash32 h = keccak(buf, n);
  return Address::from(h.b + 12);
}

Address create2_address(const Address& sender, const uint256& salt, const Bytes& init_code) {
  uint8_t buf[1 + 20 + 32 + 32];
  buf[0] = 0xff;
  for (int i = 0; i < 20; ++i) buf[1 + i] = sender.b[i];
  salt.to_be(buf + 21);
  Hash32 code_hash = keccak(init_code);
  for (int i = 0; i < 32; ++i) buf[53 + i] = code_hash.b[i];
  Hash32 h = keccak(buf, sizeof buf);
  return Address::from(h.b + 12);
}

bool delegation_target(const Bytes& code, Address& target) {
  if (code.size() != 23 || code[0] != 0xef || code[1] != 0x01 || code[2] != 0x00) return false;
  target = Address::from(code.data() + 3);
  return true;
}

Result Vm::call(const Message& msg) {
  size_t snap = state.snapshot();
  size_t log_count = logs.size();
  state.touch(msg.recipient);
  if (msg.transfers_value && !msg.value.is_zero()) {
    if (!state.sub_balance(msg.sender, msg.value)) {
      state.revert(snap);
      return Result{Status::InsufficientBalance, msg.gas, {}, {}};
    }
    state.add_balance(msg.recipient, msg.value);
  }
  Result r;
  if (!msg.delegated && is_precompile(msg.code_address, block.revision)) {
    r = run_precompile(msg.code_address, block.revision, msg.input, msg.gas);
  } else if (msg.code == nullptr || msg.code->empty()) {
    r = Result{Status::Success, msg.gas, {}, {}};
  } else {
    r = interpret(msg, *msg.code);
  }
  if (r.status != Status::Success) {
    state.revert(snap);
    logs.resize(log_count);
    if (r.status != Status::Revert) { r.gas_left = 0; r.output.clear(); }
  }
  return r;
}

Result Vm::create(const Message& msg, const Address& address) {
  bool has_code = state.exists(address) && state.code_hash(address) != state::kEmptyCodeHash;
  if (state.nonce(address) != 0 || has_code || state.has_storage(address))
    return Result{Status::CreateCollision, 0, {}, {}};
  size_t snap = state.snapshot();
  size_t log_count = logs.size();
  state.create_account(address);
  state.set_nonce(address, 1);
  if (!msg.value.is_zero()) {
    if (!state.sub_balance(msg.sender, msg.value)) {
      state.revert(snap);
      return Result{Status::InsufficientBalance, msg.gas, {}, {}};
    }
  }
  state.add_balance(address, msg.value);
  Message frame = msg;
  frame.recipient = frame.code_address = address;
  Bytes init_code = std::move(frame.input);
  frame.input.clear();
  Result r = interpret(frame, init_code);
  if (r.status == Status::Success) {
    size_t size = r.output.size();
    int64_t deposit = int64_t(200 * size);
    if (size > 0 && r.output[0] == 0xef) r.status = Status::ContractValidationFailure;  // EIP-3541
    else if (size > kMaxCodeSize) r.status = Status::ContractValidationFailure;
    else if (r.gas_left < deposit) r.status = Status::OutOfGas;
    else {
      r.gas_left -= deposit;
      Hash32 h = keccak(r.output);
      state.set_code(address, r.output, h);
      r.created = address;
      r.output.clear();
      return r;
    }
  }
  state.revert(snap);
  logs.resize(log_count);
  if (r.status != Status::Revert) { r.gas_left = 0; r.output.clear(); }
  return r;
}

}  // namespace oneproof::guest::evm
