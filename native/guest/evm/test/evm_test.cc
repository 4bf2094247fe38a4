// EVM unit tests on hand-assembled bytecode over a small in-memory state: results, exact gas,
// and the failure paths (bad jumps, stack limits, out of gas, static violations, reverts).
#include <cstring>
#include <map>

#include "common/test.h"
#include "guest/evm/vm.h"

using namespace oneproof::guest;
using evm::Revision;
using evm::Status;

namespace {

// A complete pre-state in a map: every read is answered (Found or Absent).
class MapBackend : public state::StateBackend {
 public:
  std::map<Address, state::AccountRecord> accounts;
  std::map<std::pair<Address, uint256>, uint256> storage;
  std::map<Hash32, Bytes> codes;
  bool missing_everything = false;  // simulate a witness without any node

  void put(const Address& a, uint64_t nonce, uint256 balance, const Bytes& code) {
    state::AccountRecord r;
    r.nonce = nonce;
    r.balance = balance;
    r.code_hash = evm::keccak(code);
    r.storage_root = state::kEmptyTrieRoot;
    codes[r.code_hash] = code;
    accounts[a] = r;
  }
  state::ReadStatus read_account(const Address& a, state::AccountRecord& out) override {
    if (missing_everything) return state::ReadStatus::Missing;
    auto it = accounts.find(a);
    if (it == accounts.end()) return state::ReadStatus::Absent;
    out = it->second;
    return state::ReadStatus::Found;
  }
  state::ReadStatus read_storage(const Address& a, const Hash32&, const uint256& k, uint256& out) override {
    auto it = storage.find({a, k});
    if (it == storage.end()) return state::ReadStatus::Absent;
    out = it->second;
    return state::ReadStatus::Found;
  }
  bool read_code(const Hash32& h, Bytes& out) override {
    auto it = codes.find(h);
    if (it == codes.end()) return false;
    out = it->second;
    return true;
  }
  bool commit(const std::vector<state::AccountWrite>&, Hash32&) override { return false; }
};

Address addr(uint8_t last) { Address a; a.b[19] = last; a.b[0] = 0xaa; return a; }

Bytes hex(const char* s) { Bytes b; from_hex(s, std::strlen(s), b); return b; }

struct Harness {
  MapBackend backend;
  state::State st{backend};
  evm::BlockEnv block;
  evm::TxEnv tx;
  Address caller = addr(1), contract = addr(2);

  explicit Harness(Revision rev = Revision::Cancun) {
    block.revision = rev;
    block.number = 10;
    block.gas_limit = 30000000;
  }
  evm::Result run(const Bytes& code, int64_t gas = 100000, const Bytes& input = {}, bool is_static = false) {
    backend.put(contract, 1, 0, code);
    backend.put(caller, 0, uint256(1000000), {});
    st.begin_transaction();
    st.warm_account(caller);
    st.warm_account(contract);
    evm::Vm vm(st, block, tx);
    evm::Message m;
    m.gas = gas;
    m.sender = caller;
    m.recipient = m.code_address = contract;
    m.input = input;
    m.is_static = is_static;
    m.code = &st.code(contract);
    return vm.call(m);
  }
};

uint256 word(const Bytes& out) { return uint256::from_be(out.data(), out.size()); }

}  // namespace

OP_TEST(arithmetic_and_exact_gas) {
  Harness h;
  // PUSH1 2 PUSH1 3 ADD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN
  evm::Result r = h.run(hex("6002600301600052602060" "00f3"));
  REQUIRE(r.status == Status::Success);
  CHECK_EQ(word(r.output), uint256(5));
  // 3+3+3+3+(3 + 3 memory) + 3 + 3 + 0 = 24
  CHECK_EQ(100000 - r.gas_left, 24);
}

OP_TEST(bad_jump_consumes_all_gas) {
  Harness h;
  evm::Result r = h.run(hex("600356"));  // PUSH1 3 JUMP -> 3 is past the end / not a JUMPDEST
  CHECK(r.status == Status::BadJumpDestination);
  CHECK_EQ(r.gas_left, 0);
  // A JUMPDEST byte inside PUSH data is not a destination.
  Harness h2;
  evm::Result r2 = h2.run(hex("600456615b00"));  // PUSH1 4 JUMP PUSH2 0x5b00: offset 4 is push data
  CHECK(r2.status == Status::BadJumpDestination);
  Harness h3;
  evm::Result r3 = h3.run(hex("6004565b00"));  // offset 3 is a real JUMPDEST; jump to 4 is STOP (not JUMPDEST)
  CHECK(r3.status == Status::BadJumpDestination);
  Harness h4;
  evm::Result r4 = h4.run(hex("6003565b00"));  // jump to 3 = JUMPDEST: fine
  CHECK(r4.status == Status::Success);
}

OP_TEST(stack_limits) {
  Harness h;
  CHECK(h.run(hex("01")).status == Status::StackUnderflow);  // ADD on an empty stack
  Bytes many;
  for (int i = 0; i < 1025; ++i) many.push_back(0x5f);       // PUSH0 x1025
  Harness h2(Revision::Cancun);
  CHECK(h2.run(many, 1000000).status == Status::StackOverflow);
  many.pop_back();
  Harness h3;
  CHECK(h3.run(many, 1000000).status == Status::Success);
}

OP_TEST(out_of_gas_exactly) {
  Harness h;
  CHECK(h.run(hex("6002600301"), 9).status == Status::Success);   // needs exactly 9
  Harness h2;
  evm::Result r = h2.run(hex("6002600301"), 8);
  CHECK(r.status == Status::OutOfGas);
  CHECK_EQ(r.gas_left, 0);
}

OP_TEST(memory_expansion_is_quadratic) {
  // MSTORE at offset 1024*32 - 32: 1024 words -> 3*1024 + 1024^2/512 = 5120
  Harness h;
  evm::Result r = h.run(hex("6000617fe052"), 100000);  // PUSH1 0 PUSH2 0x7fe0 MSTORE
  REQUIRE(r.status == Status::Success);
  CHECK_EQ(100000 - r.gas_left, 3 + 3 + 3 + 5120);
}

OP_TEST(sstore_gas_and_refunds) {
  // SSTORE 1 into empty slot 0 (cold): 2100 + 20000; then back to 0: dirty 100 + refund 19900.
  Harness h;
  evm::Result r = h.run(hex("6001600055" "6000600055"), 100000);
  REQUIRE(r.status == Status::Success);
  CHECK_EQ(100000 - r.gas_left, 3 + 3 + 22100 + 3 + 3 + 100);
  CHECK_EQ(h.st.refund(), 19900);
  CHECK_EQ(h.st.storage(h.contract, uint256(0)), uint256(0));
  // The EIP-2200 sentry: SSTORE with 2300 gas left fails.
  Harness h2;
  CHECK(h2.run(hex("6001600055"), 2306).status == Status::OutOfGas);
}

OP_TEST(static_context_rejects_writes) {
  Harness h;
  CHECK(h.run(hex("6001600055"), 100000, {}, true).status == Status::StaticModeViolation);
  Harness h2;
  CHECK(h2.run(hex("600160005d"), 100000, {}, true).status == Status::StaticModeViolation);  // TSTORE
  Harness h3;
  CHECK(h3.run(hex("60006000a0"), 100000, {}, true).status == Status::StaticModeViolation);  // LOG0
}

OP_TEST(revert_restores_state_and_keeps_gas) {
  Harness h;
  // SSTORE(0, 1); REVERT(0, 0)
  evm::Result r = h.run(hex("6001600055" "60006000fd"), 100000);
  CHECK(r.status == Status::Revert);
  CHECK(r.gas_left > 0);
  CHECK_EQ(h.st.storage(h.contract, uint256(0)), uint256(0));
}

OP_TEST(call_passes_63_64_and_returns_data) {
  Harness h;
  Address callee = addr(3);
  // callee: GAS PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN  (returns the gas it saw)
  h.backend.put(callee, 1, 0, hex("5a60005260206000f3"));
  // caller: CALL(gas=0xffff.., callee, 0, 0, 0, 0, 32); RETURN(0, 32)
  Bytes code = hex("60206000600060006000" "73");
  code.insert(code.end(), callee.b, callee.b + 20);
  Bytes tail = hex("7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff" "f1" "50" "60206000f3");
  code.insert(code.end(), tail.begin(), tail.end());
  evm::Result r = h.run(code, 100000);
  REQUIRE(r.status == Status::Success);
  // Before CALL: 5 pushes (15) + PUSH20 (3) + PUSH32 (3) = 21; CALL: 100 warm base + 2500 cold
  // + 3 memory for 32 bytes = 2603. Left: 100000 - 21 - 2603 = 97376, child gets all but 1/64.
  int64_t left = 100000 - 21 - 2603;
  int64_t child = left - left / 64;
  CHECK_EQ(word(r.output), uint256(uint64_t(child - 2)));  // GAS itself costs 2
}

OP_TEST(create_address_vectors) {
  // Known CREATE address: sender 0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0, nonce 0..2.
  Bytes s = hex("6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
  Address sender = Address::from(s.data());
  CHECK(to_hex(evm::create_address(sender, 0)) == "0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d");
  CHECK(to_hex(evm::create_address(sender, 1)) == "0x343c43a37d37dff08ae8c4a11544c718abb4fcf8");
  CHECK(to_hex(evm::create_address(sender, 2)) == "0xf778b86fa74e846c4f0a1fbd1335fe81c00a0c91");
  // EIP-1014 example 1: address 0, salt 0, init code 0x00.
  Address zero;
  CHECK(to_hex(evm::create2_address(zero, uint256(0), Bytes{0x00})) == "0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38");
}

OP_TEST(clz_only_from_osaka) {
  Harness prague(Revision::Prague);
  CHECK(prague.run(hex("60011e")).status == Status::UndefinedInstruction);
  Harness osaka(Revision::Osaka);
  evm::Result r = osaka.run(hex("60011e60005260206000f3"));
  REQUIRE(r.status == Status::Success);
  CHECK_EQ(word(r.output), uint256(255));
}

OP_TEST(transient_storage_and_mcopy) {
  Harness h;
  // TSTORE(1, 7); TLOAD(1) -> MSTORE(0); MCOPY(32, 0, 32); RETURN(32, 32)
  evm::Result r = h.run(hex("600760015d" "60015c600052" "602060006020" "5e" "60206020f3"));
  REQUIRE(r.status == Status::Success);
  CHECK_EQ(word(r.output), uint256(7));
}

OP_TEST(missing_witness_data_marks_state_incomplete) {
  Harness h;
  h.backend.missing_everything = true;
  evm::BlockEnv env;
  evm::TxEnv tx;
  state::State st(h.backend);
  st.balance(addr(9));
  CHECK(st.incomplete());
  // An absent account is not incomplete.
  MapBackend complete;
  state::State st2(complete);
  CHECK(st2.balance(addr(9)).is_zero());
  CHECK(!st2.incomplete());
}

OP_TEST(undefined_and_invalid_opcodes) {
  Harness h;
  evm::Result r = h.run(hex("fe"));
  CHECK(r.status == Status::InvalidInstruction);
  CHECK_EQ(r.gas_left, 0);
  Harness h2;
  CHECK(h2.run(hex("0c")).status == Status::UndefinedInstruction);
}

OP_TEST(journal_revert_restores_every_kind_of_change) {
  MapBackend backend;
  Address a = addr(7), b = addr(8);
  backend.put(a, 5, uint256(100), {});
  state::State st(backend);
  st.begin_transaction();
  size_t snap = st.snapshot();
  st.set_balance(a, uint256(1));
  st.set_nonce(a, 9);
  st.set_storage(a, uint256(3), uint256(4));
  st.set_transient(a, uint256(3), uint256(5));
  st.warm_account(b);
  st.warm_slot(a, uint256(3));
  st.add_refund(4800);
  st.add_balance(b, uint256(2));  // brings b into existence
  st.revert(snap);
  CHECK_EQ(st.balance(a), uint256(100));
  CHECK_EQ(st.nonce(a), uint64_t(5));
  CHECK_EQ(st.storage(a, uint256(3)), uint256(0));
  CHECK_EQ(st.transient(a, uint256(3)), uint256(0));
  CHECK(!st.is_warm_account(b));
  CHECK(!st.warm_slot(a, uint256(3)));  // was cold again
  CHECK_EQ(st.refund(), 0);
  CHECK(!st.exists(b));
}

OP_TEST(end_of_transaction_rules) {
  MapBackend backend;
  Address funded = addr(7), empty = addr(8), created = addr(9);
  backend.put(funded, 1, uint256(100), {});
  state::State st(backend);
  st.begin_transaction();
  st.add_balance(empty, uint256(0));  // touched and empty: removed (EIP-161)
  st.create_account(created);
  st.set_balance(created, uint256(5));
  st.mark_destructed(created);          // created in this transaction: removed (EIP-6780)
  st.set_storage(funded, uint256(1), uint256(2));
  st.end_transaction();
  CHECK(!st.exists(empty));
  CHECK(!st.exists(created));
  CHECK(st.exists(funded));
  // The slot's value is now the "original" of the next transaction.
  CHECK_EQ(st.original_storage(funded, uint256(1)), uint256(2));
  std::vector<state::AccountWrite> writes = st.collect_writes();
  REQUIRE(writes.size() == 1);  // never-existing accounts leave no write
  CHECK(writes[0].address == funded);
  REQUIRE(writes[0].storage.size() == 1);
  CHECK_EQ(writes[0].storage[0].value, uint256(2));
}

OP_TEST(selfdestruct_keeps_preexisting_accounts) {
  // SELFDESTRUCT(caller) from a contract that existed before the transaction: the balance moves,
  // the account and its code stay (EIP-6780).
  Harness h;
  h.backend.put(h.contract, 1, uint256(50), {});
  Bytes code = hex("73");
  code.insert(code.end(), h.caller.b, h.caller.b + 20);
  code.push_back(0xff);
  h.backend.put(h.contract, 1, uint256(50), code);
  h.backend.put(h.caller, 0, uint256(1000000), {});
  h.st.begin_transaction();
  h.st.warm_account(h.caller);
  evm::Vm vm(h.st, h.block, h.tx);
  evm::Message m;
  m.gas = 100000;
  m.sender = h.caller;
  m.recipient = m.code_address = h.contract;
  m.code = &h.st.code(h.contract);
  evm::Result r = vm.call(m);
  REQUIRE(r.status == Status::Success);
  CHECK_EQ(100000 - r.gas_left, 3 + 5000);  // beneficiary warm, alive
  h.st.end_transaction();
  CHECK(h.st.exists(h.contract));
  CHECK_EQ(h.st.balance(h.contract), uint256(0));
  CHECK_EQ(h.st.balance(h.caller), uint256(1000050));
  CHECK(!h.st.code(h.contract).empty());
}
