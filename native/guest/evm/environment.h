// What the EVM reads from the block and the transaction, and the message/result of one call frame.
#pragma once
#include <cstdint>
#include <vector>

#include "guest/common/bytes.h"
#include "guest/evm/revision.h"

namespace oneproof::guest::evm {

struct BlockEnv {
  Revision revision = Revision::Cancun;
  uint64_t chain_id = 1;
  Address coinbase;
  uint64_t number = 0;
  uint64_t timestamp = 0;
  uint64_t gas_limit = 0;
  Hash32 prev_randao;
  uint256 base_fee;
  uint256 blob_base_fee;
  // Hashes of the up-to-256 most recent ancestors: ancestor_hashes[i] is block number - 1 - i.
  std::vector<Hash32> ancestor_hashes;
};

struct TxEnv {
  Address origin;
  uint256 gas_price;  // effective gas price
  std::vector<Hash32> blob_hashes;
};

enum class CallKind : uint8_t { Call, CallCode, DelegateCall, StaticCall, Create, Create2 };

struct Message {
  CallKind kind = CallKind::Call;
  bool is_static = false;
  int depth = 0;
  int64_t gas = 0;
  Address sender;          // CALLER
  Address recipient;       // the storage/balance context (ADDRESS)
  Address code_address;    // whose code runs (differs for CALLCODE/DELEGATECALL and 7702 delegation)
  uint256 value;           // CALLVALUE
  bool transfers_value = true;  // false for DELEGATECALL
  Bytes input;             // call data or init code
  uint256 salt;            // CREATE2
  // For calls: the code to run, resolved by the caller (7702 delegation already followed).
  const Bytes* code = nullptr;
  bool delegated = false;  // EIP-7702: code came through a delegation (precompiles do not run)
};

enum class Status : uint8_t {
  Success, Revert, OutOfGas, InvalidInstruction, UndefinedInstruction, StackUnderflow, StackOverflow,
  BadJumpDestination, InvalidMemoryAccess, StaticModeViolation, PrecompileFailure, CallDepthExceeded,
  InsufficientBalance, CreateCollision, ContractValidationFailure, NonceOverflow
};

struct Result {
  Status status = Status::Success;
  int64_t gas_left = 0;
  Bytes output;
  Address created;  // CREATE/CREATE2 on success
};

}  // namespace oneproof::guest::evm
