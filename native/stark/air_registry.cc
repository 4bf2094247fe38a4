// The AIR factory registry (air_registry.h).
#include "stark/air_registry.h"

#include <mutex>
#include <stdexcept>
#include "stark/examples.h"

namespace oneproof::stark {

namespace {
std::mutex& registry_mutex() { static std::mutex m; return m; }
std::vector<AirFactory>& factories() { static std::vector<AirFactory> f; return f; }
}  // namespace

void register_air_factory(AirFactory factory) {
  std::lock_guard lock(registry_mutex());
  factories().push_back(std::move(factory));
}

std::vector<air::CompiledAir> airs_for(const VerifyingKey& vk) {
  std::vector<AirFactory> known;
  {
    std::lock_guard lock(registry_mutex());
    known = factories();
  }
  std::vector<air::CompiledAir> out;
  for (const TableKey& t : vk.tables) {
    std::unique_ptr<air::Air> a = example_air_for(t);
    for (size_t i = 0; !a && i < known.size(); ++i) a = known[i](t);
    if (!a) throw std::invalid_argument("no AIR known for table '" + t.name + "' of the verifying key");
    out.push_back(air::compile(*a));
  }
  return out;
}

}  // namespace oneproof::stark
