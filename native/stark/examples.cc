// Example machines (examples.h).
#include "stark/examples.h"

#include <stdexcept>
#include "air/examples/fibonacci.h"
#include "air/examples/poseidon2_chain.h"
#include "air/examples/range_lookup.h"
#include "air/examples/wide.h"

namespace oneproof::stark {

std::vector<const air::Air*> ExampleMachine::air_ptrs() const {
  std::vector<const air::Air*> out;
  for (const auto& a : airs) out.push_back(a.get());
  return out;
}

std::vector<std::vector<Fp>> ExampleMachine::publics() const {
  std::vector<std::vector<Fp>> out;
  for (const auto& w : witnesses) out.push_back(w.publics);
  return out;
}

ExampleMachine make_example(const std::string& name, unsigned log_rows) {
  if (log_rows < MIN_LOG_HEIGHT || log_rows > 22) throw std::invalid_argument("example: log_rows must be in 2..22");
  ExampleMachine m;
  if (name == "fibonacci") {
    std::vector<Fp> pub;
    field::Matrix t = air::examples::FibonacciAir::trace(log_rows, Fp::zero(), Fp::one(), &pub);
    m.airs.push_back(std::make_unique<air::examples::FibonacciAir>());
    m.witnesses.push_back({std::move(t), pub});
  } else if (name == "poseidon2") {
    if (log_rows < 5) throw std::invalid_argument("example poseidon2: needs log_rows >= 5");
    auto a = std::make_unique<air::examples::Poseidon2ChainAir>(log_rows);
    std::array<Fp, 16> input;
    for (size_t i = 0; i < 16; ++i) input[i] = Fp::from_u32(uint32_t(i));
    std::vector<Fp> pub;
    field::Matrix t = a->trace(input, &pub);
    m.airs.push_back(std::move(a));
    m.witnesses.push_back({std::move(t), pub});
  } else if (name == "range-lookup") {
    auto traces = air::examples::range_lookup_traces(log_rows, 1234);
    m.airs.push_back(std::make_unique<air::examples::ByteRangeAir>());
    m.airs.push_back(std::make_unique<air::examples::U16UserAir>());
    m.witnesses.push_back({std::move(traces.bytes), {}});
    m.witnesses.push_back({std::move(traces.user), {}});
  } else if (name.rfind("wide-", 0) == 0) {
    const size_t width = std::stoul(name.substr(5));
    if (width < 1 || width > 1024) throw std::invalid_argument("example wide: width must be in 1..1024");
    auto a = std::make_unique<air::examples::WideAir>(width);
    field::Matrix t = a->trace(log_rows);
    m.airs.push_back(std::move(a));
    m.witnesses.push_back({std::move(t), {}});
  } else {
    throw std::invalid_argument("unknown example machine: " + name);
  }
  return m;
}

std::unique_ptr<air::Air> example_air_for(const TableKey& t) {
  if (t.name == "example/fibonacci") return std::make_unique<air::examples::FibonacciAir>();
  if (t.name == "example/poseidon2-chain")
    return std::make_unique<air::examples::Poseidon2ChainAir>(std::max<uint32_t>(t.preprocessed_log_height, 5));
  if (t.name == "example/byte-range") return std::make_unique<air::examples::ByteRangeAir>();
  if (t.name == "example/u16-user") return std::make_unique<air::examples::U16UserAir>();
  if (t.name.rfind("example/wide-", 0) == 0 && t.width >= 1 && t.width <= 1024)
    return std::make_unique<air::examples::WideAir>(t.width);
  return nullptr;
}

std::vector<air::CompiledAir> example_airs_for(const VerifyingKey& vk) {
  std::vector<air::CompiledAir> out;
  for (const TableKey& t : vk.tables) {
    std::unique_ptr<air::Air> a = example_air_for(t);
    if (!a) throw std::invalid_argument("unknown table in verifying key: " + t.name);
    out.push_back(air::compile(*a));
  }
  return out;
}

}  // namespace oneproof::stark
