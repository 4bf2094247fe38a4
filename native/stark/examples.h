// Example machines (sets of tables with their witnesses) built from the example AIRs in
// air/examples/: used by the tests, the benchmark and the addon's `starkExampleProve`.
//   "fibonacci"      one table, public values (a0, b0, F_n)
//   "poseidon2"      a Poseidon2 W16 permutation chain with preprocessed round constants
//   "range-lookup"   byte table + 16-bit user table over a LogUp bus
//   "wide-<W>"       W columns of degree-3 transitions (benchmark shape)
#pragma once
#include <memory>
#include <string>
#include <vector>
#include "air/air.h"
#include "stark/prover.h"

namespace oneproof::stark {

struct ExampleMachine {
  std::vector<std::unique_ptr<air::Air>> airs;  // owns the tables
  std::vector<TableWitness> witnesses;
  std::vector<const air::Air*> air_ptrs() const;
  std::vector<std::vector<Fp>> publics() const;
};

// Throws std::invalid_argument for an unknown name or unsupported size.
ExampleMachine make_example(const std::string& name, unsigned log_rows);

// The example AIR for a table key (matched by name), or null for a table that is not an example.
std::unique_ptr<air::Air> example_air_for(const TableKey& t);

// The compiled AIRs of a key whose tables are all example tables; throws std::invalid_argument
// otherwise. (stark/air_registry.h's airs_for also knows registered non-example tables.)
std::vector<air::CompiledAir> example_airs_for(const VerifyingKey& vk);

}  // namespace oneproof::stark
