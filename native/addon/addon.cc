// The N-API entry point: collects the exports every binding file registered.
#include <utility>
#include <vector>

#include "addon/registry.h"

namespace oneproof::addon {
namespace {
std::vector<std::pair<const char*, ExportFn>>& bindings() {
  static std::vector<std::pair<const char*, ExportFn>> all;
  return all;
}
}  // namespace

Register::Register(const char* name, ExportFn fn) { bindings().emplace_back(name, fn); }

void register_all(Napi::Env env, Napi::Object exports) {
  for (auto& [name, fn] : bindings()) fn(env, exports);
}
}  // namespace oneproof::addon

static Napi::Object Init(Napi::Env env, Napi::Object exports) {
  oneproof::addon::register_all(env, exports);
  return exports;
}

NODE_API_MODULE(oneproof, Init)
