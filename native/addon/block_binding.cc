// The stateless block validator for JavaScript:
//   validateBlock(blockHex: string, witnessJson: string, chainJson?: string) -> ValidationResult
//   encodeValidatorInput(blockHex, witnessJson, chainJson?) -> Buffer (the guest's input bytes)
//   runFixtureFile(path: string, networks: string[]) -> FixtureOutcome[]
// Bad input (non-hex block, malformed JSON) is a TypeError; an invalid block is a result with
// success = false and a reason.
// Compiled only when the guest validator libraries are built (hostio defines the macro).
#ifdef OP_HAVE_GUEST_VALIDATOR
#include <chrono>
#include <string>
#include <vector>

#include "addon/registry.h"
#include "guest/hostio/fixtures.h"
#include "guest/hostio/witness_json.h"
#include "guest/validator/input.h"

namespace {
namespace g = oneproof::guest;

std::string string_arg(const Napi::CallbackInfo& info, size_t i, const char* what, bool optional = false) {
  if (info.Length() <= i || info[i].IsUndefined() || info[i].IsNull()) {
    if (optional) return {};
    throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a string");
  }
  if (!info[i].IsString()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a string");
  return info[i].As<Napi::String>().Utf8Value();
}

g::validator::Input load(const Napi::CallbackInfo& info, const char* fn) {
  std::string block = string_arg(info, 0, "blockHex");
  std::string witness = string_arg(info, 1, "witnessJson");
  std::string chain = string_arg(info, 2, "chainJson", true);
  g::validator::Input in;
  std::string error;
  if (!g::hostio::load_validator_input(block, witness, chain, in, error))
    throw Napi::TypeError::New(info.Env(), std::string(fn) + ": " + error);
  return in;
}

Napi::Value ValidateBlock(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  g::validator::Input in = load(info, "validateBlock");
  auto start = std::chrono::steady_clock::now();
  g::block::BlockResult r = g::validator::validate(in);
  double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
  Napi::Object out = Napi::Object::New(env);
  out.Set("success", r.success);
  out.Set("witnessIncomplete", r.witness_incomplete);
  out.Set("reason", r.reason);
  out.Set("blockHash", g::to_hex(r.block_hash));
  out.Set("parentHash", g::to_hex(r.parent_hash));
  out.Set("stateRoot", g::to_hex(r.state_root));
  out.Set("computedStateRoot", g::to_hex(r.computed_state_root));
  out.Set("number", double(r.number));
  out.Set("gasUsed", double(r.gas_used));
  out.Set("txCount", double(r.tx_count));
  out.Set("elapsedMs", ms);
  uint8_t values[g::validator::kPublicValuesSize];
  g::validator::public_values(r, values);
  out.Set("publicValues", Napi::Buffer<uint8_t>::Copy(env, values, sizeof values));
  return out;
}

Napi::Value EncodeValidatorInput(const Napi::CallbackInfo& info) {
  g::validator::Input in = load(info, "encodeValidatorInput");
  g::Bytes bytes = g::validator::encode_input(in);
  return Napi::Buffer<uint8_t>::Copy(info.Env(), bytes.data(), bytes.size());
}

Napi::Value RunFixtureFile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  std::string path = string_arg(info, 0, "path");
  std::vector<std::string> networks;
  if (info.Length() > 1 && !info[1].IsUndefined()) {
    if (!info[1].IsArray()) throw Napi::TypeError::New(env, "runFixtureFile: networks must be a string array");
    Napi::Array a = info[1].As<Napi::Array>();
    for (uint32_t i = 0; i < a.Length(); ++i) {
      Napi::Value v = a.Get(i);
      if (!v.IsString()) throw Napi::TypeError::New(env, "runFixtureFile: networks must be a string array");
      networks.push_back(v.As<Napi::String>().Utf8Value());
    }
  }
  std::string error;
  std::vector<g::hostio::FixtureOutcome> outcomes = g::hostio::run_fixture_file(path, networks, error);
  if (!error.empty()) throw Napi::TypeError::New(env, "runFixtureFile: " + error);
  Napi::Array out = Napi::Array::New(env, outcomes.size());
  for (size_t i = 0; i < outcomes.size(); ++i) {
    const auto& o = outcomes[i];
    Napi::Object item = Napi::Object::New(env);
    item.Set("name", o.name);
    item.Set("network", o.network);
    item.Set("verdict", o.verdict == g::hostio::FixtureOutcome::Verdict::Passed   ? "passed"
                        : o.verdict == g::hostio::FixtureOutcome::Verdict::Failed ? "failed"
                                                                                   : "skipped");
    item.Set("reason", o.reason);
    item.Set("gasUsed", double(o.gas_used));
    out.Set(uint32_t(i), item);
  }
  return out;
}
}  // namespace

OP_ADDON_EXPORTS(block) {
  exports.Set("validateBlock", Napi::Function::New(env, ValidateBlock));
  exports.Set("encodeValidatorInput", Napi::Function::New(env, EncodeValidatorInput));
  exports.Set("runFixtureFile", Napi::Function::New(env, RunFixtureFile));
}
#endif  // OP_HAVE_GUEST_VALIDATOR
