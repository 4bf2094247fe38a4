// Each binding file registers its exports with OP_ADDON_EXPORTS(name) { exports.Set(...); }.
// Files in native/addon/ are compiled straight into the addon, so their static registrars run.
#pragma once
#include <napi.h>

namespace oneproof::addon {
using ExportFn = void (*)(Napi::Env, Napi::Object);
struct Register { Register(const char* name, ExportFn fn); };
void register_all(Napi::Env env, Napi::Object exports);

// Throws a JavaScript TypeError and returns true when cond is false (bindings return right after).
inline bool type_error_unless(Napi::Env env, bool cond, const char* message) {
  if (!cond) Napi::TypeError::New(env, message).ThrowAsJavaScriptException();
  return !cond;
}
}  // namespace oneproof::addon

#define OP_ADDON_CAT2(a, b) a##b
#define OP_ADDON_CAT(a, b) OP_ADDON_CAT2(a, b)
#define OP_ADDON_EXPORTS(name)                                                                   \
  static void OP_ADDON_CAT(op_exports_, name)(Napi::Env, Napi::Object);                          \
  static ::oneproof::addon::Register OP_ADDON_CAT(op_exports_reg_, name)(#name, OP_ADDON_CAT(op_exports_, name)); \
  static void OP_ADDON_CAT(op_exports_, name)(Napi::Env env, Napi::Object exports)
