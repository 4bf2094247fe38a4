// Message execution: one transaction's tree of calls and creates over the journaled state.
// `call` and `create` wrap a frame with its snapshot, value transfer, precompile dispatch and
// revert-on-failure; `interpret` (interpreter.cc) runs bytecode. The 63/64 rule, call depth and
// balance checks belong to the CALL*/CREATE* instructions, which then come back here.
#pragma once
#include <vector>

#include "guest/evm/environment.h"
#include "guest/evm/instructions.h"
#include "guest/state/state.h"

namespace oneproof::guest::evm {

struct Log {
  Address address;
  std::vector<Hash32> topics;
  Bytes data;
};

constexpr int kMaxCallDepth = 1024;
constexpr size_t kMaxCodeSize = 0x6000;           // EIP-170
constexpr size_t kMaxInitcodeSize = 2 * 0x6000;   // EIP-3860

Hash32 keccak(const uint8_t* data, size_t len);
inline Hash32 keccak(const Bytes& b) { return keccak(b.data(), b.size()); }
// CREATE: keccak(rlp([sender, nonce]))[12:]; CREATE2: keccak(0xff ++ sender ++ salt ++ keccak(init))[12:].
Address create_address(const Address& sender, uint64_t nonce);
Address create2_address(const Address& sender, const uint256& salt, const Bytes& init_code);
// EIP-7702: code 0xef0100 ++ address designates a delegation; returns true and the target.
bool delegation_target(const Bytes& code, Address& target);

class Vm {
 public:
  Vm(state::State& st, const BlockEnv& block, const TxEnv& tx)
      : state(st), block(block), tx(tx), table(instruction_table(block.revision)) {}

  // Runs a call frame (value transfer, precompile or code); reverts the frame on failure.
  Result call(const Message& msg);
  // Runs a create frame at `address` (already derived and warmed by the caller; the sender's
  // nonce already incremented); reverts on failure. Collisions consume all gas (EIP-7610).
  Result create(const Message& msg, const Address& address);
  // Runs bytecode for a frame; defined in interpreter.cc.
  Result interpret(const Message& msg, const Bytes& code);

  state::State& state;
  const BlockEnv& block;
  const TxEnv& tx;
  const InstructionInfo* table;
  std::vector<Log> logs;
};

}  // namespace oneproof::guest::evm
