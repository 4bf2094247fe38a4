// A small JSON reader for the host side (fixtures, witness files, chain configs): parses into a
// tree of values, reports the first error with its byte offset, never throws. Host-only: this
// folder is not compiled for rv32.
#pragma once
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace oneproof::guest::hostio {

class Json {
 public:
  enum class Type : uint8_t { Null, Bool, Number, String, Array, Object };

  Type type() const { return type_; }
  bool is_null() const { return type_ == Type::Null; }
  bool is_string() const { return type_ == Type::String; }
  bool is_array() const { return type_ == Type::Array; }
  bool is_object() const { return type_ == Type::Object; }
  bool as_bool() const { return bool_; }
  // Numbers keep their source text (hex-as-string is the norm in Ethereum JSON anyway).
  const std::string& text() const { return text_; }
  const std::vector<Json>& items() const { return items_; }
  const std::vector<std::pair<std::string, Json>>& members() const { return members_; }
  // Member lookup; returns a shared null value when absent or when this is not an object.
  const Json& operator[](std::string_view key) const;
  bool has(std::string_view key) const;
  const Json& operator[](size_t i) const;
  size_t size() const { return type_ == Type::Array ? items_.size() : members_.size(); }

  // Parses a whole document. On failure returns false and sets `error` (with the byte offset).
  static bool parse(std::string_view src, Json& out, std::string& error);

 private:
  friend class JsonParser;
  Type type_ = Type::Null;
  bool bool_ = false;
  std::string text_;
  std::vector<Json> items_;
  std::vector<std::pair<std::string, Json>> members_;
};

}  // namespace oneproof::guest::hostio
