// zkvmProve(elf: Uint8Array, input: Uint8Array,
//           opts?: { params?: 'test'|'default'|'provable', maxCycles?: number, segmentCycles?: number })
//   -> { proof, publicValues, exitCode, cycles, segments }
// zkvmVerify(elf: Uint8Array, proof: Uint8Array, opts?: { params?: ... }) -> { exitCode, publicValues, segments }
// Errors carry a code: ZKVM_ELF (malformed ELF), ZKVM_EXECUTION (guest fault / no HALT),
// ZKVM_UNPROVABLE (an instruction or program the chips cannot prove), ZKVM_INVALID_PROOF
// (rejection; its `malformed` is true when the bytes are not a zkvm proof at all).
#include <cmath>
#include <cstring>
#include <span>
#include <string>

#include "addon/registry.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "zkvm/prove.h"

namespace {
namespace vm = oneproof::vm;
namespace zkvm = oneproof::zkvm;
namespace fri = oneproof::fri;

std::span<const uint8_t> bytes_arg(Napi::Env env, const Napi::Value& v, const char* fn, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, std::string(fn) + ": " + name + " must be a Uint8Array");
  auto a = v.As<Napi::Uint8Array>();
  return {a.Data(), a.ElementLength()};
}

Napi::Uint8Array to_js(Napi::Env env, const std::vector<uint8_t>& bytes) {
  auto out = Napi::Uint8Array::New(env, bytes.size());
  if (!bytes.empty()) std::memcpy(out.Data(), bytes.data(), bytes.size());
  return out;
}

Napi::Error coded_error(Napi::Env env, const std::string& message, const char* code) {
  Napi::Error e = Napi::Error::New(env, message);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

Napi::Object options_object(Napi::Env env, const Napi::Value& v, const char* fn) {
  if (v.IsUndefined() || v.IsNull()) return Napi::Object::New(env);
  if (!v.IsObject()) throw Napi::TypeError::New(env, std::string(fn) + ": options must be an object");
  return v.As<Napi::Object>();
}

// FRI parameter preset by name; the verifier must use the prover's.
fri::FriParams params_option(Napi::Env env, const Napi::Object& o, const char* fn) {
  Napi::Value p = o.Get("params");
  if (p.IsUndefined()) return fri::DEFAULT_PARAMS;
  const std::string name = p.IsString() ? p.As<Napi::String>().Utf8Value() : "";
  if (name == "default") return fri::DEFAULT_PARAMS;
  if (name == "provable") return fri::PROVABLE_PARAMS;
  if (name == "test") return fri::TEST_PARAMS;
  throw Napi::TypeError::New(env, std::string(fn) + ": params must be 'default', 'provable' or 'test'");
}

Napi::Value ZkvmProve(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2) throw Napi::TypeError::New(env, "zkvmProve: expected (elf: Uint8Array, input: Uint8Array, opts?)");
  const auto elf = bytes_arg(env, info[0], "zkvmProve", "elf");
  const auto input = bytes_arg(env, info[1], "zkvmProve", "input");
  const Napi::Object o = options_object(env, info.Length() > 2 ? info[2] : env.Undefined(), "zkvmProve");
  zkvm::ProveOptions opts;
  opts.params = params_option(env, o, "zkvmProve");
  if (Napi::Value max = o.Get("maxCycles"); !max.IsUndefined()) {
    const double d = max.IsNumber() ? max.As<Napi::Number>().DoubleValue() : -1;
    if (!(d >= 1 && d <= 9007199254740991.0 && std::floor(d) == d))
      throw Napi::TypeError::New(env, "zkvmProve: maxCycles must be a positive safe integer");
    opts.max_cycles = uint64_t(d);
  }
  if (Napi::Value seg = o.Get("segmentCycles"); !seg.IsUndefined()) {
    const double d = seg.IsNumber() ? seg.As<Napi::Number>().DoubleValue() : -1;
    const bool pow2 = d >= vm::kMinSegmentCycles && d <= (1u << 21) && std::floor(d) == d && (uint32_t(d) & (uint32_t(d) - 1)) == 0;
    if (!pow2) throw Napi::TypeError::New(env, "zkvmProve: segmentCycles must be a power of two in [2^16, 2^21]");
    opts.segment_cycles = uint32_t(d);
  }
  zkvm::ProveResult r;
  try {
    r = zkvm::prove(elf, input, opts);
  } catch (const vm::ElfError& e) {
    throw coded_error(env, e.what(), "ZKVM_ELF");
  } catch (const vm::ExecutionError& e) {
    throw coded_error(env, e.what(), "ZKVM_EXECUTION");
  } catch (const zkvm::UnprovableRun& e) {
    throw coded_error(env, e.what(), "ZKVM_UNPROVABLE");
  } catch (const std::exception& e) {  // e.g. a program ROM too large to key: never a crash
    throw coded_error(env, std::string("zkvmProve: ") + e.what(), "ZKVM_UNPROVABLE");
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("proof", to_js(env, r.proof));
  out.Set("publicValues", to_js(env, r.public_values));
  out.Set("exitCode", Napi::Number::New(env, r.exit_code));
  out.Set("cycles", Napi::Number::New(env, double(r.cycles)));
  out.Set("segments", Napi::Number::New(env, r.segments));
  return out;
}

Napi::Value ZkvmVerify(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2) throw Napi::TypeError::New(env, "zkvmVerify: expected (elf: Uint8Array, proof: Uint8Array, opts?)");
  const auto elf = bytes_arg(env, info[0], "zkvmVerify", "elf");
  const auto proof = bytes_arg(env, info[1], "zkvmVerify", "proof");
  const Napi::Object o = options_object(env, info.Length() > 2 ? info[2] : env.Undefined(), "zkvmVerify");
  const zkvm::VerifyResult v = zkvm::verify(elf, proof, params_option(env, o, "zkvmVerify"));
  if (!v.ok) {
    Napi::Error e = coded_error(env, "zkvm proof rejected: " + v.error, "ZKVM_INVALID_PROOF");
    e.Set("malformed", Napi::Boolean::New(env, v.malformed));  // not a zkvm proof at all
    throw e;
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("exitCode", Napi::Number::New(env, v.exit_code));
  out.Set("publicValues", to_js(env, v.public_values));
  out.Set("segments", Napi::Number::New(env, v.segments));
  return out;
}
}  // namespace

OP_ADDON_EXPORTS(zkvm_prove) {
  exports.Set("zkvmProve", Napi::Function::New(env, ZkvmProve));
  exports.Set("zkvmVerify", Napi::Function::New(env, ZkvmVerify));
}
