// The baseline interpreter: jumpdest analysis, then one switch per instruction with the stack
// bounds and static gas taken from the instruction table. Dynamic gas (memory growth, copies,
// EIP-2929 cold access, SSTORE metering, calls and creates) is charged by the instruction.
#include <algorithm>
#include <cstring>
#include <memory>

#include "guest/evm/vm.h"

namespace oneproof::guest::evm {
namespace {

constexpr int kStackLimit = 1024;
constexpr int64_t kColdAccountExtra = 2500;  // 2600 cold minus the 100 warm already charged
constexpr int64_t kColdSload = 2100;
constexpr int64_t kWarmRead = 100;
constexpr uint64_t kMemoryLimit = 0xffffffffull;  // offsets beyond this always run out of gas

int64_t words(uint64_t size) { return int64_t((size + 31) / 32); }

std::vector<uint8_t> analyze_jumpdests(const Bytes& code) {
  std::vector<uint8_t> ok(code.size(), 0);
  for (size_t i = 0; i < code.size(); ++i) {
    uint8_t c = code[i];
    if (c == op::JUMPDEST) ok[i] = 1;
    else if (c >= op::PUSH1 && c <= op::PUSH32) i += size_t(c - op::PUSH1 + 1);
  }
  return ok;
}

struct Frame {
  const Message& msg;
  const Bytes& code;
  int64_t gas;
  Bytes memory;
  Bytes return_data;
  std::unique_ptr<uint256[]> stack{new uint256[kStackLimit]};
  int height = 0;

  Frame(const Message& m, const Bytes& c) : msg(m), code(c), gas(m.gas) {}

  uint256& top(int i = 0) { return stack[height - 1 - i]; }
  uint256 pop() { return stack[--height]; }
  void push(const uint256& v) { stack[height++] = v; }

  bool charge(int64_t amount) { gas -= amount; return gas >= 0; }

  // Grows memory to cover [offset, offset+size), charging 3/word + words^2/512 for the growth.
  bool expand(const uint256& offset, const uint256& size) {
    if (size.is_zero()) return true;
    if (!offset.fits_u64() || !size.fits_u64() || offset.w[0] > kMemoryLimit || size.w[0] > kMemoryLimit)
      return charge(INT64_MAX);
    uint64_t end = offset.w[0] + size.w[0];
    if (end <= memory.size()) return true;
    int64_t new_words = words(end), old_words = int64_t(memory.size() / 32);
    int64_t cost = (3 * new_words + new_words * new_words / 512) - (3 * old_words + old_words * old_words / 512);
    if (!charge(cost)) return false;
    memory.resize(size_t(new_words) * 32, 0);
    return true;
  }
};

// Copies data[offset..offset+size) into dst, padding with zeros past the end of data.
void copy_padded(uint8_t* dst, const uint8_t* data, size_t data_size, const uint256& offset, size_t size) {
  size_t start = offset.fits_u64() && offset.w[0] < data_size ? size_t(offset.w[0]) : data_size;
  size_t n = std::min(size, data_size - start);
  if (n) std::memcpy(dst, data + start, n);
  if (size > n) std::memset(dst + n, 0, size - n);
}

}  // namespace

Result Vm::interpret(const Message& msg, const Bytes& code) {
  Frame f(msg, code);
  std::vector<uint8_t> jumpdests = analyze_jumpdests(code);
  const Address self = msg.recipient;
  size_t pc = 0;
  const size_t code_size = code.size();
  auto halt = [&](Status s) { return Result{s, s == Status::Success || s == Status::Revert ? f.gas : 0, {}, {}}; };

  while (pc < code_size) {
    const uint8_t opcode = code[pc];
    const InstructionInfo& info = table[opcode];
    if (info.name == nullptr) return halt(Status::UndefinedInstruction);
    if (f.height < info.stack_in) return halt(Status::StackUnderflow);
    if (f.height + info.stack_change > kStackLimit) return halt(Status::StackOverflow);
    if (!f.charge(info.gas)) return halt(Status::OutOfGas);

    switch (opcode) {
      case op::STOP: return Result{Status::Success, f.gas, {}, {}};
      case op::ADD: { uint256 a = f.pop(); f.top() = a + f.top(); break; }
      case op::MUL: { uint256 a = f.pop(); f.top() = a * f.top(); break; }
      case op::SUB: { uint256 a = f.pop(); f.top() = a - f.top(); break; }
      case op::DIV: { uint256 a = f.pop(); f.top() = a / f.top(); break; }
      case op::SDIV: { uint256 a = f.pop(); f.top() = sdiv(a, f.top()); break; }
      case op::MOD: { uint256 a = f.pop(); f.top() = a % f.top(); break; }
      case op::SMOD: { uint256 a = f.pop(); f.top() = smod(a, f.top()); break; }
      case op::ADDMOD: { uint256 a = f.pop(), b = f.pop(); f.top() = addmod(a, b, f.top()); break; }
      case op::MULMOD: { uint256 a = f.pop(), b = f.pop(); f.top() = mulmod(a, b, f.top()); break; }
      case op::EXP: {
        uint256 base = f.pop();
        uint256& e = f.top();
        if (!f.charge(50 * int64_t((e.bit_width() + 7) / 8))) return halt(Status::OutOfGas);
        e = exp(base, e);
        break;
      }
      case op::SIGNEXTEND: { uint256 b = f.pop(); f.top() = signextend(b, f.top()); break; }
      case op::LT: { uint256 a = f.pop(); f.top() = uint256(a < f.top()); break; }
      case op::GT: { uint256 a = f.pop(); f.top() = uint256(a > f.top()); break; }
      case op::SLT: { uint256 a = f.pop(); f.top() = uint256(slt(a, f.top())); break; }
      case op::SGT: { uint256 a = f.pop(); f.top() = uint256(slt(f.top(), a)); break; }
      case op::EQ: { uint256 a = f.pop(); f.top() = uint256(a == f.top()); break; }
      case op::ISZERO: f.top() = uint256(f.top().is_zero()); break;
      case op::AND: { uint256 a = f.pop(); f.top() = a & f.top(); break; }
      case op::OR: { uint256 a = f.pop(); f.top() = a | f.top(); break; }
      case op::XOR: { uint256 a = f.pop(); f.top() = a ^ f.top(); break; }
      case op::NOT: f.top() = ~f.top(); break;
      case op::BYTE: { uint256 i = f.pop(); f.top() = byte_at(i, f.top()); break; }
      case op::SHL: { uint256 s = f.pop(); f.top() = shl(s, f.top()); break; }
      case op::SHR: { uint256 s = f.pop(); f.top() = shr(s, f.top()); break; }
      case op::SAR: { uint256 s = f.pop(); f.top() = sar(s, f.top()); break; }
      case op::CLZ: f.top() = uint256(f.top().count_leading_zeros()); break;

      case op::KECCAK256: {
        uint256 off = f.pop();
        uint256& size = f.top();
        if (!f.expand(off, size) || !f.charge(6 * words(size.w[0]))) return halt(Status::OutOfGas);
        Hash32 h = size.is_zero() ? keccak(nullptr, 0) : keccak(f.memory.data() + off.w[0], size_t(size.w[0]));
        size = to_u256(h);
        break;
      }

      case op::ADDRESS: f.push(to_u256(self)); break;
      case op::BALANCE: {
        Address a = to_address(f.top());
        if (!state.warm_account(a) && !f.charge(kColdAccountExtra)) return halt(Status::OutOfGas);
        f.top() = state.balance(a);
        break;
      }
      case op::ORIGIN: f.push(to_u256(tx.origin)); break;
      case op::CALLER: f.push(to_u256(msg.sender)); break;
      case op::CALLVALUE: f.push(msg.value); break;
      case op::CALLDATALOAD: {
        uint8_t word[32];
        copy_padded(word, msg.input.data(), msg.input.size(), f.top(), 32);
        f.top() = uint256::from_be(word, 32);
        break;
      }
      case op::CALLDATASIZE: f.push(uint256(msg.input.size())); break;
      case op::CALLDATACOPY:
      case op::CODECOPY:
      case op::RETURNDATACOPY: {
        uint256 dst = f.pop(), src = f.pop(), size = f.pop();
        if (!f.expand(dst, size) || !f.charge(3 * words(size.w[0]))) return halt(Status::OutOfGas);
        const Bytes& data = opcode == op::CALLDATACOPY ? msg.input : opcode == op::CODECOPY ? code : f.return_data;
        if (opcode == op::RETURNDATACOPY) {
          uint256 end = src + size;
          if (!src.fits_u64() || end < src || end > uint256(data.size())) return halt(Status::InvalidMemoryAccess);
        }
        if (!size.is_zero()) copy_padded(f.memory.data() + dst.w[0], data.data(), data.size(), src, size_t(size.w[0]));
        break;
      }
      case op::CODESIZE: f.push(uint256(code_size)); break;
      case op::GASPRICE: f.push(tx.gas_price); break;
      case op::EXTCODESIZE: {
        Address a = to_address(f.top());
        if (!state.warm_account(a) && !f.charge(kColdAccountExtra)) return halt(Status::OutOfGas);
        f.top() = uint256(state.code(a).size());
        break;
      }
      case op::EXTCODECOPY: {
        Address a = to_address(f.pop());
        uint256 dst = f.pop(), src = f.pop(), size = f.pop();
        if (!f.expand(dst, size) || !f.charge(3 * words(size.w[0]))) return halt(Status::OutOfGas);
        if (!state.warm_account(a) && !f.charge(kColdAccountExtra)) return halt(Status::OutOfGas);
        const Bytes& c = state.code(a);
        if (!size.is_zero()) copy_padded(f.memory.data() + dst.w[0], c.data(), c.size(), src, size_t(size.w[0]));
        break;
      }
      case op::RETURNDATASIZE: f.push(uint256(f.return_data.size())); break;
      case op::EXTCODEHASH: {
        Address a = to_address(f.top());
        if (!state.warm_account(a) && !f.charge(kColdAccountExtra)) return halt(Status::OutOfGas);
        f.top() = state.is_alive(a) ? to_u256(state.code_hash(a)) : uint256();
        break;
      }
      case op::BLOCKHASH: {
        uint256& n = f.top();
        uint256 result;
        if (n.fits_u64() && n.w[0] < block.number && block.number - n.w[0] <= 256) {
          uint64_t back = block.number - 1 - n.w[0];
          if (back < block.ancestor_hashes.size()) result = to_u256(block.ancestor_hashes[back]);
          else state.mark_incomplete();  // the witness lacks an ancestor header the block reads
        }
        n = result;
        break;
      }
      case op::COINBASE: f.push(to_u256(block.coinbase)); break;
      case op::TIMESTAMP: f.push(uint256(block.timestamp)); break;
      case op::NUMBER: f.push(uint256(block.number)); break;
      case op::PREVRANDAO: f.push(to_u256(block.prev_randao)); break;
      case op::GASLIMIT: f.push(uint256(block.gas_limit)); break;
      case op::CHAINID: f.push(uint256(block.chain_id)); break;
      case op::SELFBALANCE: f.push(state.balance(self)); break;
      case op::BASEFEE: f.push(block.base_fee); break;
      case op::BLOBHASH: {
        uint256& i = f.top();
        i = i.fits_u64() && i.w[0] < tx.blob_hashes.size() ? to_u256(tx.blob_hashes[size_t(i.w[0])]) : uint256();
        break;
      }
      case op::BLOBBASEFEE: f.push(block.blob_base_fee); break;

      case op::POP: --f.height; break;
      case op::MLOAD: {
        uint256& off = f.top();
        if (!f.expand(off, uint256(32))) return halt(Status::OutOfGas);
        off = uint256::from_be(f.memory.data() + off.w[0], 32);
        break;
      }
      case op::MSTORE: {
        uint256 off = f.pop(), v = f.pop();
        if (!f.expand(off, uint256(32))) return halt(Status::OutOfGas);
        v.to_be(f.memory.data() + off.w[0]);
        break;
      }
      case op::MSTORE8: {
        uint256 off = f.pop(), v = f.pop();
        if (!f.expand(off, uint256(1))) return halt(Status::OutOfGas);
        f.memory[size_t(off.w[0])] = uint8_t(v.w[0]);
        break;
      }
      case op::SLOAD: {
        uint256& key = f.top();
        if (!f.charge(state.warm_slot(self, key) ? kWarmRead : kColdSload)) return halt(Status::OutOfGas);
        key = state.storage(self, key);
        break;
      }
      case op::SSTORE: {
        if (msg.is_static) return halt(Status::StaticModeViolation);
        if (f.gas <= 2300) return halt(Status::OutOfGas);  // EIP-2200 sentry
        uint256 key = f.pop(), value = f.pop();
        int64_t cost = 0;
        if (!state.warm_slot(self, key)) cost += kColdSload;
        uint256 original = state.original_storage(self, key), current = state.storage(self, key);
        // EIP-2200 net metering with EIP-2929 prices and EIP-3529 refunds.
        if (current == value) cost += kWarmRead;
        else if (original == current) {
          cost += original.is_zero() ? 20000 : 2900;
          if (!original.is_zero() && value.is_zero()) state.add_refund(4800);
        } else {
          cost += kWarmRead;
          if (!original.is_zero()) {
            if (current.is_zero()) state.add_refund(-4800);
            else if (value.is_zero()) state.add_refund(4800);
          }
          if (original == value) state.add_refund(original.is_zero() ? 20000 - kWarmRead : 2900 - kWarmRead);
        }
        if (!f.charge(cost)) return halt(Status::OutOfGas);
        state.set_storage(self, key, value);
        break;
      }
      case op::JUMP:
      case op::JUMPI: {
        uint256 dest = f.pop();
        if (opcode == op::JUMPI && f.pop().is_zero()) break;
        if (!dest.fits_u64() || dest.w[0] >= code_size || !jumpdests[size_t(dest.w[0])])
          return halt(Status::BadJumpDestination);
        pc = size_t(dest.w[0]);
        continue;  // lands on the JUMPDEST, which is charged as the next instruction
      }
      case op::PC: f.push(uint256(pc)); break;
      case op::MSIZE: f.push(uint256(f.memory.size())); break;
      case op::GAS: f.push(uint256(uint64_t(f.gas))); break;
      case op::JUMPDEST: break;
      case op::TLOAD: f.top() = state.transient(self, f.top()); break;
      case op::TSTORE: {
        if (msg.is_static) return halt(Status::StaticModeViolation);
        uint256 key = f.pop(), value = f.pop();
        state.set_transient(self, key, value);
        break;
      }
      case op::MCOPY: {
        uint256 dst = f.pop(), src = f.pop(), size = f.pop();
        if (!f.expand(src, size) || !f.expand(dst, size) || !f.charge(3 * words(size.w[0])))
          return halt(Status::OutOfGas);
        if (!size.is_zero()) std::memmove(f.memory.data() + dst.w[0], f.memory.data() + src.w[0], size_t(size.w[0]));
        break;
      }
      case op::PUSH0: f.push(uint256()); break;

      case op::LOG0: case op::LOG1: case op::LOG2: case op::LOG3: case op::LOG4: {
        if (msg.is_static) return halt(Status::StaticModeViolation);
        uint256 off = f.pop(), size = f.pop();
        if (!f.expand(off, size) || !size.fits_u64() || !f.charge(8 * int64_t(size.w[0]))) return halt(Status::OutOfGas);
        Log log;
        log.address = self;
        for (int i = 0; i < opcode - op::LOG0; ++i) log.topics.push_back(to_hash(f.pop()));
        if (!size.is_zero()) log.data.assign(f.memory.begin() + ptrdiff_t(off.w[0]), f.memory.begin() + ptrdiff_t(off.w[0] + size.w[0]));
        logs.push_back(std::move(log));
        break;
      }

      case op::CREATE:
      case op::CREATE2: {
        if (msg.is_static) return halt(Status::StaticModeViolation);
        uint256 value = f.pop(), off = f.pop(), size = f.pop();
        uint256 salt = opcode == op::CREATE2 ? f.pop() : uint256();
        if (!f.expand(off, size)) return halt(Status::OutOfGas);
        if (size > uint256(kMaxInitcodeSize)) return halt(Status::OutOfGas);  // EIP-3860
        int64_t w = words(size.w[0]);
        if (!f.charge(2 * w + (opcode == op::CREATE2 ? 6 * w : 0))) return halt(Status::OutOfGas);
        f.return_data.clear();
        int64_t child_gas = f.gas - f.gas / 64;
        f.gas -= child_gas;
        uint64_t nonce = state.nonce(self);
        if (msg.depth + 1 > kMaxCallDepth || state.balance(self) < value || nonce == UINT64_MAX) {
          f.gas += child_gas;
          f.push(uint256());
          break;
        }
        Message child;
        child.kind = opcode == op::CREATE ? CallKind::Create : CallKind::Create2;
        child.depth = msg.depth + 1;
        child.gas = child_gas;
        child.sender = self;
        child.value = value;
        if (!size.is_zero()) child.input.assign(f.memory.begin() + ptrdiff_t(off.w[0]), f.memory.begin() + ptrdiff_t(off.w[0] + size.w[0]));
        state.set_nonce(self, nonce + 1);
        Address addr = opcode == op::CREATE ? create_address(self, nonce) : create2_address(self, salt, child.input);
        state.warm_account(addr);
        Result r = create(child, addr);
        f.gas += r.gas_left;
        if (r.status == Status::Success) f.push(to_u256(addr));
        else {
          f.push(uint256());
          if (r.status == Status::Revert) f.return_data = std::move(r.output);
        }
        break;
      }

      case op::CALL:
      case op::CALLCODE:
      case op::DELEGATECALL:
      case op::STATICCALL: {
        uint256 gas_req = f.pop();
        Address to = to_address(f.pop());
        uint256 value = (opcode == op::CALL || opcode == op::CALLCODE) ? f.pop() : uint256();
        uint256 in_off = f.pop(), in_size = f.pop(), out_off = f.pop(), out_size = f.pop();
        if (!f.expand(in_off, in_size) || !f.expand(out_off, out_size)) return halt(Status::OutOfGas);
        int64_t extra = 0;
        if (!state.warm_account(to)) extra += kColdAccountExtra;
        // EIP-7702: a delegated account runs its target's code; the target access is charged too.
        const Bytes* child_code = &state.code(to);
        Address code_addr = to;
        bool delegated = false;
        Address target;
        if (block.revision >= Revision::Prague && delegation_target(*child_code, target)) {
          extra += state.warm_account(target) ? kWarmRead : kWarmRead + kColdAccountExtra;
          child_code = &state.code(target);
          code_addr = target;
          delegated = true;
        }
        if (opcode == op::CALL && !value.is_zero() && msg.is_static) return halt(Status::StaticModeViolation);
        if (!value.is_zero()) {
          extra += 9000;
          if (opcode == op::CALL && !state.is_alive(to)) extra += 25000;
        }
        if (!f.charge(extra)) return halt(Status::OutOfGas);
        int64_t max_gas = f.gas - f.gas / 64;
        int64_t child_gas = gas_req.fits_u64() && gas_req.w[0] < uint64_t(max_gas) ? int64_t(gas_req.w[0]) : max_gas;
        f.gas -= child_gas;
        if (!value.is_zero()) child_gas += 2300;  // stipend
        f.return_data.clear();
        if (msg.depth + 1 > kMaxCallDepth || (!value.is_zero() && state.balance(self) < value)) {
          f.gas += child_gas;
          f.push(uint256());
          break;
        }
        Message child;
        child.depth = msg.depth + 1;
        child.gas = child_gas;
        child.code = child_code;
        child.code_address = code_addr;
        child.delegated = delegated;
        child.is_static = msg.is_static || opcode == op::STATICCALL;
        if (!in_size.is_zero()) child.input.assign(f.memory.begin() + ptrdiff_t(in_off.w[0]), f.memory.begin() + ptrdiff_t(in_off.w[0] + in_size.w[0]));
        switch (opcode) {
          case op::CALL: child.kind = CallKind::Call; child.sender = self; child.recipient = to; child.value = value; break;
          case op::CALLCODE: child.kind = CallKind::CallCode; child.sender = self; child.recipient = self; child.value = value; break;
          case op::DELEGATECALL:
            child.kind = CallKind::DelegateCall; child.sender = msg.sender; child.recipient = self;
            child.value = msg.value; child.transfers_value = false;
            break;
          default: child.kind = CallKind::StaticCall; child.sender = self; child.recipient = to; break;
        }
        Result r = call(child);
        f.gas += r.gas_left;
        f.return_data = std::move(r.output);
        if (!out_size.is_zero()) {
          size_t n = std::min(size_t(out_size.w[0]), f.return_data.size());
          if (n) std::memcpy(f.memory.data() + out_off.w[0], f.return_data.data(), n);
        }
        f.push(uint256(r.status == Status::Success));
        break;
      }

      case op::RETURN:
      case op::REVERT: {
        uint256 off = f.pop(), size = f.pop();
        if (!f.expand(off, size)) return halt(Status::OutOfGas);
        Result r{opcode == op::RETURN ? Status::Success : Status::Revert, f.gas, {}, {}};
        if (!size.is_zero()) r.output.assign(f.memory.begin() + ptrdiff_t(off.w[0]), f.memory.begin() + ptrdiff_t(off.w[0] + size.w[0]));
        return r;
      }
      case op::INVALID: return halt(Status::InvalidInstruction);
      case op::SELFDESTRUCT: {
        if (msg.is_static) return halt(Status::StaticModeViolation);
        Address beneficiary = to_address(f.pop());
        int64_t cost = 0;
        if (!state.warm_account(beneficiary)) cost += 2600;
        uint256 bal = state.balance(self);
        if (!bal.is_zero() && !state.is_alive(beneficiary)) cost += 25000;
        if (!f.charge(cost)) return halt(Status::OutOfGas);
        state.set_balance(self, uint256());
        state.add_balance(beneficiary, bal);
        // EIP-6780: only an account created in this transaction is removed (its balance burns
        // if it names itself as beneficiary).
        if (state.created_in_tx(self)) {
          state.set_balance(self, uint256());
          state.mark_destructed(self);
        }
        return Result{Status::Success, f.gas, {}, {}};
      }

      default:
        if (opcode >= op::PUSH1 && opcode <= op::PUSH32) {
          size_t n = size_t(opcode - op::PUSH1 + 1);
          uint8_t buf[32] = {0};
          size_t avail = std::min(n, code_size - pc - 1);
          std::memcpy(buf + (32 - n), code.data() + pc + 1, avail);  // missing bytes read as zero
          f.push(uint256::from_be(buf, 32));
          pc += n + 1;
          continue;
        }
        if (opcode >= op::DUP1 && opcode <= op::DUP16) { f.push(f.top(opcode - op::DUP1)); break; }
        if (opcode >= op::SWAP1 && opcode <= op::SWAP16) { std::swap(f.top(), f.top(opcode - op::SWAP1 + 1)); break; }
        return halt(Status::UndefinedInstruction);
    }
    ++pc;
  }
  return Result{Status::Success, f.gas, {}, {}};
}

}  // namespace oneproof::guest::evm
