// The proof system to JavaScript:
//   starkExampleProve(name, logRows, params?) -> { vk: Uint8Array, proof: Uint8Array, publicValues: number[][] }
//   starkVerify(vk: Uint8Array, proof: Uint8Array, publicValues: number[][]) -> { ok, error? }
//   starkSecurityBits(params, logMaxLdeHeight) -> { conjectured, provable }
//   starkPresets() -> { default: params, provable: params, test: params }
// params: { logBlowup, numQueries, powBits, logFinalPolyLen, maxLogArity? } (all integers). starkVerify verifies
// keys whose tables have AIRs known to stark/air_registry.h (the example tables and any module
// that registered a factory); malformed bytes give
// { ok: false, error } and bad argument types a TypeError.
#include <cmath>
#include <string>
#include <vector>

#include "addon/registry.h"
#include "stark/air_registry.h"
#include "stark/examples.h"
#include "stark/serialize.h"
#include "stark/verifier.h"

namespace {
using namespace oneproof;
using field::Fp;

uint32_t read_uint(Napi::Env env, const Napi::Value& v, const char* what, uint32_t max) {
  if (!v.IsNumber()) throw Napi::TypeError::New(env, std::string(what) + " must be a number");
  const double x = v.As<Napi::Number>().DoubleValue();
  if (!(x >= 0 && x <= double(max) && std::floor(x) == x))
    throw Napi::TypeError::New(env, std::string(what) + " must be an integer in [0, " + std::to_string(max) + "]");
  return uint32_t(x);
}

fri::FriParams read_params(Napi::Env env, const Napi::Value& v) {
  if (!v.IsObject()) throw Napi::TypeError::New(env, "params must be an object");
  auto o = v.As<Napi::Object>();
  fri::FriParams p;
  p.log_blowup = read_uint(env, o.Get("logBlowup"), "params.logBlowup", 64);
  p.num_queries = read_uint(env, o.Get("numQueries"), "params.numQueries", 1u << 20);
  p.pow_bits = read_uint(env, o.Get("powBits"), "params.powBits", 64);
  p.log_final_poly_len = read_uint(env, o.Get("logFinalPolyLen"), "params.logFinalPolyLen", 64);
  // Optional: rounds fold by up to 2^maxLogArity (default 1, binary folding).
  const Napi::Value arity = o.Get("maxLogArity");
  p.max_log_arity = arity.IsUndefined() ? 1 : read_uint(env, arity, "params.maxLogArity", 64);
  try {
    fri::validate(p);
  } catch (const std::invalid_argument& e) {
    throw Napi::TypeError::New(env, e.what());
  }
  return p;
}

Napi::Object params_object(Napi::Env env, const fri::FriParams& p) {
  auto o = Napi::Object::New(env);
  o.Set("logBlowup", p.log_blowup);
  o.Set("numQueries", p.num_queries);
  o.Set("powBits", p.pow_bits);
  o.Set("logFinalPolyLen", p.log_final_poly_len);
  o.Set("maxLogArity", p.max_log_arity);
  return o;
}

std::vector<uint8_t> read_bytes(Napi::Env env, const Napi::Value& v, const char* what) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, std::string(what) + " must be a Uint8Array");
  auto a = v.As<Napi::Uint8Array>();
  return std::vector<uint8_t>(a.Data(), a.Data() + a.ElementLength());
}

Napi::Uint8Array to_js(Napi::Env env, const std::vector<uint8_t>& bytes) {
  auto out = Napi::Uint8Array::New(env, bytes.size());
  std::copy(bytes.begin(), bytes.end(), out.Data());
  return out;
}

std::vector<std::vector<Fp>> read_publics(Napi::Env env, const Napi::Value& v) {
  if (!v.IsArray()) throw Napi::TypeError::New(env, "publicValues must be an array of arrays of field elements");
  auto tables = v.As<Napi::Array>();
  std::vector<std::vector<Fp>> out;
  for (uint32_t t = 0; t < tables.Length(); ++t) {
    Napi::Value row = tables.Get(t);
    if (!row.IsArray()) throw Napi::TypeError::New(env, "publicValues[" + std::to_string(t) + "] must be an array");
    auto values = row.As<Napi::Array>();
    std::vector<Fp> table;
    for (uint32_t i = 0; i < values.Length(); ++i)
      table.push_back(Fp::from_u32(read_uint(env, values.Get(i), "public value", field::P - 1)));
    out.push_back(std::move(table));
  }
  return out;
}

Napi::Value ExampleProve(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2 || !info[0].IsString()) throw Napi::TypeError::New(env, "starkExampleProve(name, logRows, params?)");
  const std::string name = info[0].As<Napi::String>().Utf8Value();
  const uint32_t log_rows = read_uint(env, info[1], "logRows", 22);
  const fri::FriParams params = info.Length() > 2 && !info[2].IsUndefined() ? read_params(env, info[2]) : fri::DEFAULT_PARAMS;
  stark::ExampleMachine m;
  try {
    m = stark::make_example(name, log_rows);
  } catch (const std::invalid_argument& e) {
    throw Napi::TypeError::New(env, e.what());
  }
  const stark::ProvingKey pk = stark::setup(m.air_ptrs(), params, std::max<uint32_t>(log_rows, 8));
  const stark::StarkProof proof = stark::prove(pk, m.witnesses);
  auto out = Napi::Object::New(env);
  out.Set("vk", to_js(env, stark::serialize_vk(pk.vk)));
  out.Set("proof", to_js(env, stark::serialize_proof(proof)));
  auto publics = Napi::Array::New(env, m.witnesses.size());
  for (size_t t = 0; t < m.witnesses.size(); ++t) {
    auto row = Napi::Array::New(env, m.witnesses[t].publics.size());
    for (size_t i = 0; i < m.witnesses[t].publics.size(); ++i) row.Set(uint32_t(i), m.witnesses[t].publics[i].to_u32());
    publics.Set(uint32_t(t), row);
  }
  out.Set("publicValues", publics);
  return out;
}

Napi::Value Verify(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 3) throw Napi::TypeError::New(env, "starkVerify(vk, proof, publicValues)");
  const std::vector<uint8_t> vk_bytes = read_bytes(env, info[0], "vk");
  const std::vector<uint8_t> proof_bytes = read_bytes(env, info[1], "proof");
  const auto publics = read_publics(env, info[2]);
  auto result = Napi::Object::New(env);
  auto refuse = [&](const std::string& why) {
    result.Set("ok", false);
    result.Set("error", why);
    return result;
  };
  stark::VerifyingKey vk;
  try {
    vk = stark::deserialize_vk(vk_bytes);
  } catch (const stark::FormatError& e) {
    return refuse(std::string("malformed verifying key: ") + e.what());
  }
  std::vector<air::CompiledAir> airs;
  try {
    airs = stark::airs_for(vk);
  } catch (const std::invalid_argument& e) {
    return refuse(e.what());
  }
  const stark::VerifyResult r = stark::verify_bytes(vk, airs, proof_bytes, publics);
  if (!r.ok) return refuse(r.error);
  result.Set("ok", true);
  return result;
}

Napi::Value SecurityBits(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 2) throw Napi::TypeError::New(env, "starkSecurityBits(params, logMaxLdeHeight)");
  const fri::FriParams p = read_params(env, info[0]);
  const uint32_t log_height = read_uint(env, info[1], "logMaxLdeHeight", field::TWO_ADICITY);
  const fri::SecurityBits s = fri::security_bits(p, log_height);
  auto out = Napi::Object::New(env);
  out.Set("conjectured", s.conjectured);
  out.Set("provable", s.provable);
  return out;
}

Napi::Value Presets(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto out = Napi::Object::New(env);
  out.Set("default", params_object(env, fri::DEFAULT_PARAMS));
  out.Set("provable", params_object(env, fri::PROVABLE_PARAMS));
  out.Set("test", params_object(env, fri::TEST_PARAMS));
  return out;
}
}  // namespace

OP_ADDON_EXPORTS(stark) {
  exports.Set("starkExampleProve", Napi::Function::New(env, ExampleProve));
  exports.Set("starkVerify", Napi::Function::New(env, Verify));
  exports.Set("starkSecurityBits", Napi::Function::New(env, SecurityBits));
  exports.Set("starkPresets", Napi::Function::New(env, Presets));
}
