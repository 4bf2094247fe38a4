// Build facts the sidecar reports in /status and benchmarks record.
#include "addon/registry.h"

OP_ADDON_EXPORTS(build_info) {
  Napi::Object info = Napi::Object::New(env);
  info.Set("compiler", __VERSION__);
#ifdef __AVX512F__
  info.Set("avx512", true);
#else
  info.Set("avx512", false);
#endif
#ifdef NDEBUG
  info.Set("release", true);
#else
  info.Set("release", false);
#endif
  exports.Set("buildInfo", info);
}
