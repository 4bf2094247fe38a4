// The CPU chip's instruction selectors: one boolean column per supported instruction, and one per
// syscall for ECALL (shared by the constraints in cpu.cc and the trace builder in cpu_trace.cc).
#pragma once
#include "chips/cpu.h"
#include "oneproof/syscalls.h"
#include "vm/isa.h"

namespace oneproof::chips::cpu_detail {

struct Selector {
  CpuAir::Column column;
  vm::Op op;
};
constexpr Selector kSelectors[] = {
    {CpuAir::kIsAdd, vm::Op::kAdd}, {CpuAir::kIsSub, vm::Op::kSub}, {CpuAir::kIsAddi, vm::Op::kAddi}, {CpuAir::kIsLui, vm::Op::kLui},
    {CpuAir::kIsJal, vm::Op::kJal}, {CpuAir::kIsBne, vm::Op::kBne}, {CpuAir::kIsHalt, vm::Op::kEcall},
    {CpuAir::kIsBeq, vm::Op::kBeq}, {CpuAir::kIsBltu, vm::Op::kBltu}, {CpuAir::kIsBgeu, vm::Op::kBgeu},
    {CpuAir::kIsSltu, vm::Op::kSltu}, {CpuAir::kIsAuipc, vm::Op::kAuipc}, {CpuAir::kIsJalr, vm::Op::kJalr},
    {CpuAir::kIsSlt, vm::Op::kSlt}, {CpuAir::kIsSlti, vm::Op::kSlti}, {CpuAir::kIsSltiu, vm::Op::kSltiu},
    {CpuAir::kIsBlt, vm::Op::kBlt}, {CpuAir::kIsBge, vm::Op::kBge},
    {CpuAir::kIsAnd, vm::Op::kAnd}, {CpuAir::kIsOr, vm::Op::kOr}, {CpuAir::kIsXor, vm::Op::kXor},
    {CpuAir::kIsAndi, vm::Op::kAndi}, {CpuAir::kIsOri, vm::Op::kOri}, {CpuAir::kIsXori, vm::Op::kXori},
    {CpuAir::kIsLw, vm::Op::kLw}, {CpuAir::kIsSw, vm::Op::kSw},
    {CpuAir::kIsLb, vm::Op::kLb}, {CpuAir::kIsLbu, vm::Op::kLbu}, {CpuAir::kIsLh, vm::Op::kLh}, {CpuAir::kIsLhu, vm::Op::kLhu},
    {CpuAir::kIsSb, vm::Op::kSb}, {CpuAir::kIsSh, vm::Op::kSh}, {CpuAir::kIsMul, vm::Op::kMul},
    {CpuAir::kIsSll, vm::Op::kSll}, {CpuAir::kIsSlli, vm::Op::kSlli},
    {CpuAir::kIsSrl, vm::Op::kSrl}, {CpuAir::kIsSrli, vm::Op::kSrli},
    {CpuAir::kIsSra, vm::Op::kSra}, {CpuAir::kIsSrai, vm::Op::kSrai}, {CpuAir::kIsFence, vm::Op::kFence},
    {CpuAir::kIsMulh, vm::Op::kMulh}, {CpuAir::kIsMulhsu, vm::Op::kMulhsu}, {CpuAir::kIsMulhu, vm::Op::kMulhu},
    {CpuAir::kIsDivu, vm::Op::kDivu}, {CpuAir::kIsRemu, vm::Op::kRemu},
    {CpuAir::kIsDiv, vm::Op::kDiv}, {CpuAir::kIsRem, vm::Op::kRem},
    {CpuAir::kIsInputLen, vm::Op::kEcall}, {CpuAir::kIsRead, vm::Op::kEcall}, {CpuAir::kIsCommit, vm::Op::kEcall},
    {CpuAir::kIsWrite, vm::Op::kEcall}, {CpuAir::kIsKeccak, vm::Op::kEcall},
};

// ECALL's selectors and the call number (t0) each one requires.
struct EcallSelector {
  CpuAir::Column column;
  uint32_t number;
};
constexpr EcallSelector kEcallSelectors[] = {
    {CpuAir::kIsHalt, OP_SYS_HALT},   {CpuAir::kIsRead, OP_SYS_READ},   {CpuAir::kIsInputLen, OP_SYS_INPUT_LEN},
    {CpuAir::kIsCommit, OP_SYS_COMMIT}, {CpuAir::kIsWrite, OP_SYS_WRITE}, {CpuAir::kIsKeccak, OP_SYS_KECCAK_PERMUTE},
};

}  // namespace oneproof::chips::cpu_detail
