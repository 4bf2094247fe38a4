// The instruction table, in the evmone manner: for each opcode and revision its name, its static
// gas, how many stack items it needs and how the stack height changes. The interpreter checks
// stack bounds and charges the static gas from this table before dispatching; dynamic costs
// (memory, copies, access lists, calls) are charged by the instruction itself.
#pragma once
#include <cstdint>

#include "guest/evm/revision.h"

namespace oneproof::guest::evm {

namespace op {
enum : uint8_t {
  STOP = 0x00, ADD, MUL, SUB, DIV, SDIV, MOD, SMOD, ADDMOD, MULMOD, EXP, SIGNEXTEND,
  LT = 0x10, GT, SLT, SGT, EQ, ISZERO, AND, OR, XOR, NOT, BYTE, SHL, SHR, SAR, CLZ,
  KECCAK256 = 0x20,
  ADDRESS = 0x30, BALANCE, ORIGIN, CALLER, CALLVALUE, CALLDATALOAD, CALLDATASIZE, CALLDATACOPY, CODESIZE,
  CODECOPY, GASPRICE, EXTCODESIZE, EXTCODECOPY, RETURNDATASIZE, RETURNDATACOPY, EXTCODEHASH,
  BLOCKHASH = 0x40, COINBASE, TIMESTAMP, NUMBER, PREVRANDAO, GASLIMIT, CHAINID, SELFBALANCE, BASEFEE,
  BLOBHASH, BLOBBASEFEE,
  POP = 0x50, MLOAD, MSTORE, MSTORE8, SLOAD, SSTORE, JUMP, JUMPI, PC, MSIZE, GAS, JUMPDEST, TLOAD, TSTORE,
  MCOPY, PUSH0,
  PUSH1 = 0x60, PUSH32 = 0x7f, DUP1 = 0x80, DUP16 = 0x8f, SWAP1 = 0x90, SWAP16 = 0x9f,
  LOG0 = 0xa0, LOG1, LOG2, LOG3, LOG4,
  CREATE = 0xf0, CALL, CALLCODE, RETURN, DELEGATECALL, CREATE2, STATICCALL = 0xfa, REVERT = 0xfd,
  INVALID = 0xfe, SELFDESTRUCT = 0xff,
};
}  // namespace op

struct InstructionInfo {
  const char* name;    // nullptr: undefined in this revision
  int16_t gas;         // static part of the cost
  int8_t stack_in;     // items required
  int8_t stack_change; // height after minus height before
};

// The table for one revision (256 entries).
const InstructionInfo* instruction_table(Revision rev);

}  // namespace oneproof::guest::evm
