// Which AIR code verifies which table of a verifying key. A serialized key names its tables and
// pins their structural digests; a verifier that receives key bytes (the addon's starkVerify, the
// sidecar) maps each name to AIR code through the factories registered here and compiles it. The
// example tables (stark/examples.h) are always known; other modules (e.g. the zkVM chips) add a
// factory once at start-up. verify() still checks every compiled AIR against the key's digest.
#pragma once
#include <functional>
#include <memory>
#include <vector>
#include "air/air.h"
#include "stark/keys.h"

namespace oneproof::stark {

// Returns the AIR for a table key, or null when the factory does not know the table.
using AirFactory = std::function<std::unique_ptr<air::Air>(const TableKey&)>;

void register_air_factory(AirFactory factory);

// The compiled AIRs of the key's tables, in order; throws std::invalid_argument for an unknown table.
std::vector<air::CompiledAir> airs_for(const VerifyingKey& vk);

}  // namespace oneproof::stark
