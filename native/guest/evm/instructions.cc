// Instruction table per revision; see instructions.h. Gas values are the Cancun-era schedule
// (EIP-2929 warm costs as the static part of account/storage access).
#include "guest/evm/instructions.h"

namespace oneproof::guest::evm {
namespace {

struct Def { uint8_t opcode; const char* name; int16_t gas; int8_t in; int8_t out; Revision since; };

constexpr Revision C = Revision::Cancun;
constexpr Def kDefs[] = {
    {op::STOP, "STOP", 0, 0, 0, C}, {op::ADD, "ADD", 3, 2, 1, C}, {op::MUL, "MUL", 5, 2, 1, C},
    {op::SUB, "SUB", 3, 2, 1, C}, {op::DIV, "DIV", 5, 2, 1, C}, {op::SDIV, "SDIV", 5, 2, 1, C},
    {op::MOD, "MOD", 5, 2, 1, C}, {op::SMOD, "SMOD", 5, 2, 1, C}, {op::ADDMOD, "ADDMOD", 8, 3, 1, C},
    {op::MULMOD, "MULMOD", 8, 3, 1, C}, {op::EXP, "EXP", 10, 2, 1, C}, {op::SIGNEXTEND, "SIGNEXTEND", 5, 2, 1, C},
    {op::LT, "LT", 3, 2, 1, C}, {op::GT, "GT", 3, 2, 1, C}, {op::SLT, "SLT", 3, 2, 1, C}, {op::SGT, "SGT", 3, 2, 1, C},
    {op::EQ, "EQ", 3, 2, 1, C}, {op::ISZERO, "ISZERO", 3, 1, 1, C}, {op::AND, "AND", 3, 2, 1, C},
    {op::OR, "OR", 3, 2, 1, C}, {op::XOR, "XOR", 3, 2, 1, C}, {op::NOT, "NOT", 3, 1, 1, C},
    {op::BYTE, "BYTE", 3, 2, 1, C}, {op::SHL, "SHL", 3, 2, 1, C}, {op::SHR, "SHR", 3, 2, 1, C},
    {op::SAR, "SAR", 3, 2, 1, C}, {op::CLZ, "CLZ", 5, 1, 1, Revision::Osaka},  // EIP-7939
    {op::KECCAK256, "KECCAK256", 30, 2, 1, C},
    {op::ADDRESS, "ADDRESS", 2, 0, 1, C}, {op::BALANCE, "BALANCE", 100, 1, 1, C}, {op::ORIGIN, "ORIGIN", 2, 0, 1, C},
    {op::CALLER, "CALLER", 2, 0, 1, C}, {op::CALLVALUE, "CALLVALUE", 2, 0, 1, C},
    {op::CALLDATALOAD, "CALLDATALOAD", 3, 1, 1, C}, {op::CALLDATASIZE, "CALLDATASIZE", 2, 0, 1, C},
    {op::CALLDATACOPY, "CALLDATACOPY", 3, 3, 0, C}, {op::CODESIZE, "CODESIZE", 2, 0, 1, C},
    {op::CODECOPY, "CODECOPY", 3, 3, 0, C}, {op::GASPRICE, "GASPRICE", 2, 0, 1, C},
    {op::EXTCODESIZE, "EXTCODESIZE", 100, 1, 1, C}, {op::EXTCODECOPY, "EXTCODECOPY", 100, 4, 0, C},
    {op::RETURNDATASIZE, "RETURNDATASIZE", 2, 0, 1, C}, {op::RETURNDATACOPY, "RETURNDATACOPY", 3, 3, 0, C},
    {op::EXTCODEHASH, "EXTCODEHASH", 100, 1, 1, C},
    {op::BLOCKHASH, "BLOCKHASH", 20, 1, 1, C}, {op::COINBASE, "COINBASE", 2, 0, 1, C},
    {op::TIMESTAMP, "TIMESTAMP", 2, 0, 1, C}, {op::NUMBER, "NUMBER", 2, 0, 1, C},
    {op::PREVRANDAO, "PREVRANDAO", 2, 0, 1, C}, {op::GASLIMIT, "GASLIMIT", 2, 0, 1, C},
    {op::CHAINID, "CHAINID", 2, 0, 1, C}, {op::SELFBALANCE, "SELFBALANCE", 5, 0, 1, C},
    {op::BASEFEE, "BASEFEE", 2, 0, 1, C}, {op::BLOBHASH, "BLOBHASH", 3, 1, 1, C},
    {op::BLOBBASEFEE, "BLOBBASEFEE", 2, 0, 1, C},
    {op::POP, "POP", 2, 1, 0, C}, {op::MLOAD, "MLOAD", 3, 1, 1, C}, {op::MSTORE, "MSTORE", 3, 2, 0, C},
    {op::MSTORE8, "MSTORE8", 3, 2, 0, C}, {op::SLOAD, "SLOAD", 0, 1, 1, C}, {op::SSTORE, "SSTORE", 0, 2, 0, C},
    {op::JUMP, "JUMP", 8, 1, 0, C}, {op::JUMPI, "JUMPI", 10, 2, 0, C}, {op::PC, "PC", 2, 0, 1, C},
    {op::MSIZE, "MSIZE", 2, 0, 1, C}, {op::GAS, "GAS", 2, 0, 1, C}, {op::JUMPDEST, "JUMPDEST", 1, 0, 0, C},
    {op::TLOAD, "TLOAD", 100, 1, 1, C}, {op::TSTORE, "TSTORE", 100, 2, 0, C}, {op::MCOPY, "MCOPY", 3, 3, 0, C},
    {op::PUSH0, "PUSH0", 2, 0, 1, C},
    {op::LOG0, "LOG0", 375, 2, 0, C}, {op::LOG1, "LOG1", 750, 3, 0, C}, {op::LOG2, "LOG2", 1125, 4, 0, C},
    {op::LOG3, "LOG3", 1500, 5, 0, C}, {op::LOG4, "LOG4", 1875, 6, 0, C},
    {op::CREATE, "CREATE", 32000, 3, 1, C}, {op::CALL, "CALL", 100, 7, 1, C}, {op::CALLCODE, "CALLCODE", 100, 7, 1, C},
    {op::RETURN, "RETURN", 0, 2, 0, C}, {op::DELEGATECALL, "DELEGATECALL", 100, 6, 1, C},
    {op::CREATE2, "CREATE2", 32000, 4, 1, C}, {op::STATICCALL, "STATICCALL", 100, 6, 1, C},
    {op::REVERT, "REVERT", 0, 2, 0, C}, {op::INVALID, "INVALID", 0, 0, 0, C},
    {op::SELFDESTRUCT, "SELFDESTRUCT", 5000, 1, 0, C},
};

const char* const kPushNames[32] = {"PUSH1", "PUSH2", "PUSH3", "PUSH4", "PUSH5", "PUSH6", "PUSH7", "PUSH8",
    "PUSH9", "PUSH10", "PUSH11", "PUSH12", "PUSH13", "PUSH14", "PUSH15", "PUSH16", "PUSH17", "PUSH18",
    "PUSH19", "PUSH20", "PUSH21", "PUSH22", "PUSH23", "PUSH24", "PUSH25", "PUSH26", "PUSH27", "PUSH28",
    "PUSH29", "PUSH30", "PUSH31", "PUSH32"};
const char* const kDupNames[16] = {"DUP1", "DUP2", "DUP3", "DUP4", "DUP5", "DUP6", "DUP7", "DUP8", "DUP9",
    "DUP10", "DUP11", "DUP12", "DUP13", "DUP14", "DUP15", "DUP16"};
const char* const kSwapNames[16] = {"SWAP1", "SWAP2", "SWAP3", "SWAP4", "SWAP5", "SWAP6", "SWAP7", "SWAP8",
    "SWAP9", "SWAP10", "SWAP11", "SWAP12", "SWAP13", "SWAP14", "SWAP15", "SWAP16"};

struct Tables {
  InstructionInfo t[3][256];
  Tables() {
    for (int r = 0; r < 3; ++r) {
      for (int i = 0; i < 256; ++i) t[r][i] = InstructionInfo{nullptr, 0, 0, 0};
      for (const Def& d : kDefs)
        if (int(d.since) <= r) t[r][d.opcode] = InstructionInfo{d.name, d.gas, d.in, int8_t(d.out - d.in)};
      for (int i = 0; i < 32; ++i) t[r][op::PUSH1 + i] = InstructionInfo{kPushNames[i], 3, 0, 1};
      for (int i = 0; i < 16; ++i) t[r][op::DUP1 + i] = InstructionInfo{kDupNames[i], 3, int8_t(i + 1), 1};
      for (int i = 0; i < 16; ++i) t[r][op::SWAP1 + i] = InstructionInfo{kSwapNames[i], 3, int8_t(i + 2), 0};
    }
  }
};

}  // namespace

const InstructionInfo* instruction_table(Revision rev) {
  static const Tables tables;
  return tables.t[int(rev)];
}

}  // namespace oneproof::guest::evm
