// Recursive-descent JSON parser; see json.h. Depth is bounded so hostile input cannot exhaust
// the stack.
#include "guest/hostio/json.h"

namespace oneproof::guest::hostio {

namespace {
const Json kNull;
constexpr int kMaxDepth = 256;
}  // namespace

const Json& Json::operator[](std::string_view key) const {
  if (type_ != Type::Object) return kNull;
  for (auto& m : members_)
    if (m.first == key) return m.second;
  return kNull;
}
bool Json::has(std::string_view key) const {
  if (type_ != Type::Object) return false;
  for (auto& m : members_)
    if (m.first == key) return true;
  return false;
}
const Json& Json::operator[](size_t i) const {
  return type_ == Type::Array && i < items_.size() ? items_[i] : kNull;
}

class JsonParser {
 public:
  explicit JsonParser(std::string_view s) : s_(s) {}

  bool document(Json& out, std::string& error) {
    skip_ws();
    if (!value(out, 0)) { error = error_ + " at byte " + std::to_string(pos_); return false; }
    skip_ws();
    if (pos_ != s_.size()) { error = "trailing characters at byte " + std::to_string(pos_); return false; }
    return true;
  }

 private:
  bool fail(const char* what) { error_ = what; return false; }
  void skip_ws() {
    while (pos_ < s_.size() && (s_[pos_] == ' ' || s_[pos_] == '\n' || s_[pos_] == '\r' || s_[pos_] == '\t')) ++pos_;
  }
  bool literal(const char* word) {
    size_t n = std::char_traits<char>::length(word);
    if (s_.substr(pos_, n) != word) return fail("invalid literal");
    pos_ += n;
    return true;
  }
  bool string(std::string& out) {
    ++pos_;  // opening quote
    while (pos_ < s_.size()) {
      char c = s_[pos_++];
      if (c == '"') return true;
      if (static_cast<unsigned char>(c) < 0x20) return fail("control character in string");
      if (c != '\\') { out += c; continue; }
      if (pos_ >= s_.size()) break;
      char e = s_[pos_++];
      switch (e) {
        case '"': out += '"'; break;
        case '\\': out += '\\'; break;
        case '/': out += '/'; break;
        case 'b': out += '\b'; break;
        case 'f': out += '\f'; break;
        case 'n': out += '\n'; break;
        case 'r': out += '\r'; break;
        case 't': out += '\t'; break;
        case 'u': {
          if (pos_ + 4 > s_.size()) return fail("short \\u escape");
          unsigned cp = 0;
          for (int i = 0; i < 4; ++i) {
            char h = s_[pos_++];
            cp <<= 4;
            if (h >= '0' && h <= '9') cp |= unsigned(h - '0');
            else if (h >= 'a' && h <= 'f') cp |= unsigned(h - 'a' + 10);
            else if (h >= 'A' && h <= 'F') cp |= unsigned(h - 'A' + 10);
            else return fail("bad \\u escape");
          }
          // UTF-8 encode the BMP code point (surrogate pairs are kept as-is; fixtures do not use them).
          if (cp < 0x80) out += char(cp);
          else if (cp < 0x800) { out += char(0xc0 | (cp >> 6)); out += char(0x80 | (cp & 0x3f)); }
          else { out += char(0xe0 | (cp >> 12)); out += char(0x80 | ((cp >> 6) & 0x3f)); out += char(0x80 | (cp & 0x3f)); }
          break;
        }
        default: return fail("bad escape");
      }
    }
    return fail("unterminated string");
  }
  bool value(Json& out, int depth) {
    if (depth > kMaxDepth) return fail("nesting too deep");
    if (pos_ >= s_.size()) return fail("unexpected end");
    char c = s_[pos_];
    if (c == '{') {
      out.type_ = Json::Type::Object;
      ++pos_;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; return true; }
      while (true) {
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != '"') return fail("expected member name");
        std::string key;
        if (!string(key)) return false;
        skip_ws();
        if (pos_ >= s_.size() || s_[pos_] != ':') return fail("expected ':'");
        ++pos_;
        skip_ws();
        out.members_.emplace_back(std::move(key), Json());
        if (!value(out.members_.back().second, depth + 1)) return false;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
        if (pos_ < s_.size() && s_[pos_] == '}') { ++pos_; return true; }
        return fail("expected ',' or '}'");
      }
    }
    if (c == '[') {
      out.type_ = Json::Type::Array;
      ++pos_;
      skip_ws();
      if (pos_ < s_.size() && s_[pos_] == ']') { ++pos_; return true; }
      while (true) {
        skip_ws();
        out.items_.emplace_back();
        if (!value(out.items_.back(), depth + 1)) return false;
        skip_ws();
        if (pos_ < s_.size() && s_[pos_] == ',') { ++pos_; continue; }
        if (pos_ < s_.size() && s_[pos_] == ']') { ++pos_; return true; }
        return fail("expected ',' or ']'");
      }
    }
    if (c == '"') { out.type_ = Json::Type::String; return string(out.text_); }
    if (c == 't') { out.type_ = Json::Type::Bool; out.bool_ = true; return literal("true"); }
    if (c == 'f') { out.type_ = Json::Type::Bool; out.bool_ = false; return literal("false"); }
    if (c == 'n') { out.type_ = Json::Type::Null; return literal("null"); }
    if (c == '-' || (c >= '0' && c <= '9')) {
      size_t start = pos_++;
      while (pos_ < s_.size() && ((s_[pos_] >= '0' && s_[pos_] <= '9') || s_[pos_] == '.' || s_[pos_] == 'e' ||
                                  s_[pos_] == 'E' || s_[pos_] == '+' || s_[pos_] == '-'))
        ++pos_;
      out.type_ = Json::Type::Number;
      out.text_ = std::string(s_.substr(start, pos_ - start));
      return true;
    }
    return fail("unexpected character");
  }

  std::string_view s_;
  size_t pos_ = 0;
  std::string error_;
};

bool Json::parse(std::string_view src, Json& out, std::string& error) {
  out = Json();
  return JsonParser(src).document(out, error);
}

}  // namespace oneproof::guest::hostio
