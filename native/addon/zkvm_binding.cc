// zkvmRun(elf: Uint8Array, input: Uint8Array, opts?: { maxCycles?: number })
//   -> { cycles, exitCode, publicValues, stdout, stderr }   (byte outputs as Uint8Array)
// A malformed ELF throws an Error with code 'ZKVM_ELF'; a guest fault or the cycle limit throws an
// Error with code 'ZKVM_EXECUTION' and the fault's pc, insn and cycle as properties.
// zkvmProfile(elf, input, opts?) -> the same plus { functions: [{name, group, cycles}] (self cycles,
//   most first), groups and selfGroups: {keccak, signature, trie, other} (by call stack / by
//   containing function), unattributed } (vm/profile.h); same errors.
#include <cmath>
#include <cstring>
#include <span>
#include <string>

#include "addon/registry.h"
#include "vm/elf.h"
#include "vm/machine.h"
#include "vm/profile.h"

namespace {
namespace vm = oneproof::vm;

std::span<const uint8_t> bytes_arg(Napi::Env env, const Napi::Value& v, const char* name) {
  if (!v.IsTypedArray() || v.As<Napi::TypedArray>().TypedArrayType() != napi_uint8_array)
    throw Napi::TypeError::New(env, std::string("zkvmRun: ") + name + " must be a Uint8Array");
  auto a = v.As<Napi::Uint8Array>();
  return {a.Data(), a.ElementLength()};
}

Napi::Uint8Array to_js(Napi::Env env, const std::vector<uint8_t>& bytes) {
  auto out = Napi::Uint8Array::New(env, bytes.size());
  if (!bytes.empty()) std::memcpy(out.Data(), bytes.data(), bytes.size());
  return out;
}

vm::RunOptions options_arg(Napi::Env env, const Napi::Value& v) {
  vm::RunOptions opts;
  if (v.IsUndefined() || v.IsNull()) return opts;
  if (!v.IsObject()) throw Napi::TypeError::New(env, "zkvmRun: options must be an object");
  Napi::Value max = v.As<Napi::Object>().Get("maxCycles");
  if (!max.IsUndefined()) {
    const double d = max.IsNumber() ? max.As<Napi::Number>().DoubleValue() : -1;
    if (!(d >= 1 && d <= 9007199254740991.0 && std::floor(d) == d))
      throw Napi::TypeError::New(env, "zkvmRun: maxCycles must be a positive safe integer");
    opts.max_cycles = uint64_t(d);
  }
  return opts;
}

Napi::Error coded_error(Napi::Env env, const std::string& message, const char* code) {
  Napi::Error e = Napi::Error::New(env, message);
  e.Set("code", Napi::String::New(env, code));
  return e;
}

Napi::Value ZkvmRun(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2) throw Napi::TypeError::New(env, "zkvmRun: expected (elf: Uint8Array, input: Uint8Array, opts?)");
  const auto elf = bytes_arg(env, info[0], "elf");
  const auto input = bytes_arg(env, info[1], "input");
  const vm::RunOptions opts = options_arg(env, info.Length() > 2 ? info[2] : env.Undefined());
  vm::ExecutionResult r;
  try {
    const vm::Program program = vm::load_elf(elf);
    r = vm::execute(program, input, opts);
  } catch (const vm::ElfError& e) {
    throw coded_error(env, e.what(), "ZKVM_ELF");
  } catch (const vm::ExecutionError& e) {
    Napi::Error err = coded_error(env, e.what(), "ZKVM_EXECUTION");
    err.Set("pc", Napi::Number::New(env, e.pc));
    err.Set("insn", Napi::Number::New(env, e.insn));
    err.Set("cycle", Napi::Number::New(env, double(e.cycle)));
    err.Set("reason", Napi::String::New(env, e.reason));
    throw err;
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("cycles", Napi::Number::New(env, double(r.cycles)));
  out.Set("exitCode", Napi::Number::New(env, r.exit_code));
  out.Set("publicValues", to_js(env, r.public_values));
  out.Set("stdout", to_js(env, r.stdout_bytes));
  out.Set("stderr", to_js(env, r.stderr_bytes));
  return out;
}

[[noreturn]] void throw_execution_error(Napi::Env env, const vm::ExecutionError& e) {
  Napi::Error err = coded_error(env, e.what(), "ZKVM_EXECUTION");
  err.Set("pc", Napi::Number::New(env, e.pc));
  err.Set("insn", Napi::Number::New(env, e.insn));
  err.Set("cycle", Napi::Number::New(env, double(e.cycle)));
  err.Set("reason", Napi::String::New(env, e.reason));
  throw err;
}

Napi::Value ZkvmProfile(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (info.Length() < 2) throw Napi::TypeError::New(env, "zkvmProfile: expected (elf: Uint8Array, input: Uint8Array, opts?)");
  const auto elf = bytes_arg(env, info[0], "elf");
  const auto input = bytes_arg(env, info[1], "input");
  const vm::RunOptions opts = options_arg(env, info.Length() > 2 ? info[2] : env.Undefined());
  vm::CycleProfile p;
  try {
    p = vm::profile_execution(elf, input, opts);
  } catch (const vm::ElfError& e) {
    throw coded_error(env, e.what(), "ZKVM_ELF");
  } catch (const vm::ExecutionError& e) {
    throw_execution_error(env, e);
  }
  Napi::Object out = Napi::Object::New(env);
  out.Set("cycles", Napi::Number::New(env, double(p.result.cycles)));
  out.Set("exitCode", Napi::Number::New(env, p.result.exit_code));
  out.Set("publicValues", to_js(env, p.result.public_values));
  out.Set("stdout", to_js(env, p.result.stdout_bytes));
  out.Set("stderr", to_js(env, p.result.stderr_bytes));
  Napi::Array functions = Napi::Array::New(env, p.functions.size());
  for (size_t i = 0; i < p.functions.size(); ++i) {
    Napi::Object f = Napi::Object::New(env);
    f.Set("name", Napi::String::New(env, p.functions[i].name));
    f.Set("group", Napi::String::New(env, vm::cost_group_name(p.functions[i].group)));
    f.Set("cycles", Napi::Number::New(env, double(p.functions[i].cycles)));
    functions.Set(uint32_t(i), f);
  }
  out.Set("functions", functions);
  Napi::Object groups = Napi::Object::New(env), self_groups = Napi::Object::New(env);
  for (size_t g = 0; g < vm::kCostGroups; ++g) {
    groups.Set(vm::cost_group_name(vm::CostGroup(g)), Napi::Number::New(env, double(p.group_cycles[g])));
    self_groups.Set(vm::cost_group_name(vm::CostGroup(g)), Napi::Number::New(env, double(p.self_group_cycles[g])));
  }
  out.Set("groups", groups);
  out.Set("selfGroups", self_groups);
  out.Set("unattributed", Napi::Number::New(env, double(p.unattributed)));
  return out;
}
}  // namespace

OP_ADDON_EXPORTS(zkvm) {
  exports.Set("zkvmRun", Napi::Function::New(env, ZkvmRun));
  exports.Set("zkvmProfile", Napi::Function::New(env, ZkvmProfile));
}
