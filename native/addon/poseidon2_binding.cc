// poseidon2(state: number[] | Uint32Array) -> Uint32Array
// The width comes from the length (16 or 24); values are canonical field elements (< p) in and out.
// Anything else (wrong type or length, non-integers, values >= p) is a TypeError.
#include <cmath>
#include <string>
#include <vector>

#include "addon/registry.h"
#include "hash/poseidon2.h"

namespace {
using oneproof::field::Fp;
using oneproof::field::P;

std::vector<Fp> read_state(Napi::Env env, const Napi::Value& arg) {
  std::vector<Fp> state;
  auto push = [&](double x, size_t i) {
    if (!(x >= 0 && x < double(P) && std::floor(x) == x))
      throw Napi::TypeError::New(env, "poseidon2: element " + std::to_string(i) +
                                          " is not an integer in [0, p) with p = 2130706433");
    state.push_back(Fp::from_u32(uint32_t(x)));
  };
  if (arg.IsTypedArray()) {
    auto typed = arg.As<Napi::TypedArray>();
    if (typed.TypedArrayType() != napi_uint32_array)
      throw Napi::TypeError::New(env, "poseidon2: state must be a number[] or a Uint32Array");
    auto u32 = arg.As<Napi::Uint32Array>();
    for (size_t i = 0; i < u32.ElementLength(); ++i) push(double(u32[i]), i);
  } else if (arg.IsArray()) {
    auto array = arg.As<Napi::Array>();
    for (uint32_t i = 0; i < array.Length(); ++i) {
      Napi::Value v = array.Get(i);
      if (!v.IsNumber()) throw Napi::TypeError::New(env, "poseidon2: element " + std::to_string(i) + " is not a number");
      push(v.As<Napi::Number>().DoubleValue(), i);
    }
  } else {
    throw Napi::TypeError::New(env, "poseidon2: state must be a number[] or a Uint32Array");
  }
  return state;
}

Napi::Value Poseidon2(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() != 1) throw Napi::TypeError::New(env, "poseidon2: expected exactly one argument (the state)");
  std::vector<Fp> state = read_state(env, info[0]);
  if (state.size() == 16) oneproof::hash::poseidon2_w16(state.data());
  else if (state.size() == 24) oneproof::hash::poseidon2_w24(state.data());
  else throw Napi::TypeError::New(env, "poseidon2: state length must be 16 or 24, got " + std::to_string(state.size()));
  auto out = Napi::Uint32Array::New(env, state.size());
  for (size_t i = 0; i < state.size(); ++i) out[i] = state[i].to_u32();
  return out;
}
}  // namespace

OP_ADDON_EXPORTS(poseidon2) { exports.Set("poseidon2", Napi::Function::New(env, Poseidon2)); }
