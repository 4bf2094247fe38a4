// C++20 on the guest: containers, algorithms, virtual dispatch, optional, string_view, a static
// constructor and destructor.
#include <algorithm>
#include <array>
#include <cstdio>
#include <memory>
#include <numeric>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace {

struct Shape {
  virtual ~Shape() = default;
  virtual long area() const = 0;
};
struct Rectangle final : Shape {
  long w, h;
  Rectangle(long w_, long h_) : w(w_), h(h_) {}
  long area() const override { return w * h; }
};
struct Square final : Shape {
  long side;
  explicit Square(long s) : side(s) {}
  long area() const override { return side * side; }
};

std::optional<int> find_index(const std::vector<int> &v, int needle) {
  auto it = std::find(v.begin(), v.end(), needle);
  if (it == v.end()) return std::nullopt;
  return static_cast<int>(it - v.begin());
}

// Runs before main: proves .init_array is executed.
struct StartupMarker {
  int value;
  StartupMarker() : value(1234) {}
};
StartupMarker startup_marker;

}  // namespace

int main() {
  std::vector<int> v;
  for (int i = 0; i < 10; i++) v.push_back((i * 7) % 10);
  std::sort(v.begin(), v.end(), std::greater<>());
  int sum = std::accumulate(v.begin(), v.end(), 0);

  std::vector<std::unique_ptr<Shape>> shapes;
  shapes.push_back(std::make_unique<Rectangle>(3, 4));
  shapes.push_back(std::make_unique<Square>(5));
  long total_area = 0;
  for (const auto &s : shapes) total_area += s->area();

  std::string text = "zk";
  text += "vm";
  std::string_view view(text);
  std::array<int, 3> arr{3, 1, 2};
  std::sort(arr.begin(), arr.end());

  auto found = find_index(v, 3);
  auto missing = find_index(v, 42);
  std::printf("first=%d sum=%d area=%ld text=%.*s arr=%d%d%d found=%d missing=%d startup=%d\n", v.front(), sum,
              total_area, static_cast<int>(view.size()), view.data(), arr[0], arr[1], arr[2], found.value_or(-1),
              missing.has_value() ? 1 : 0, startup_marker.value);
  return 0;
}
