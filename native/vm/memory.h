// Guest memory: a sparse, paged 32-bit address space. Only pages of PT_LOAD segments are mapped,
// each readable and/or writable as its segment says; page data is allocated on first touch.
#pragma once
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <memory>
#include <vector>

#include "vm/elf.h"

namespace oneproof::vm {

// A zero-filled array from calloc: large ones come straight from mmap, so creating a machine
// does not touch (or memset) the page tables of the whole 4 GiB address space.
template <class T>
class ZeroedArray {
 public:
  explicit ZeroedArray(size_t n) : data_(static_cast<T*>(std::calloc(n, sizeof(T)))) {
    if (!data_) throw std::bad_alloc();
  }
  T& operator[](size_t i) { return data_.get()[i]; }
  const T& operator[](size_t i) const { return data_.get()[i]; }

 private:
  struct Free { void operator()(T* p) const { std::free(p); } };
  std::unique_ptr<T, Free> data_;
};

class Memory {
 public:
  static constexpr uint32_t kPageBits = 12;
  static constexpr uint32_t kPages = 1u << (32 - kPageBits);

  explicit Memory(const Program& program);
  Memory(const Memory&) = delete;
  Memory& operator=(const Memory&) = delete;

  // A pointer to the page holding addr, or nullptr when that page is not readable / writable.
  uint8_t* readable_page(uint32_t addr) {
    uint8_t* p = read_[addr >> kPageBits];
    return p ? p : materialize(addr >> kPageBits, false);
  }
  uint8_t* writable_page(uint32_t addr) {
    uint8_t* p = write_[addr >> kPageBits];
    return p ? p : materialize(addr >> kPageBits, true);
  }
  static uint32_t offset(uint32_t addr) { return addr & ((1u << kPageBits) - 1); }

  bool is_readable(uint32_t addr) const { return perms_[addr >> kPageBits] & kRead; }
  bool is_writable(uint32_t addr) const { return perms_[addr >> kPageBits] & kWrite; }

  bool is_mapped(uint32_t addr) const { return perms_[addr >> kPageBits] != 0; }

  // Aligned word of a mapped page whatever its permissions (tracing records whole words); 0 when unmapped.
  uint32_t word(uint32_t aligned_addr) {
    if (!is_mapped(aligned_addr)) return 0;
    uint32_t v;
    std::memcpy(&v, page_data(aligned_addr >> kPageBits) + offset(aligned_addr), 4);
    return v;
  }

 private:
  enum : uint8_t { kRead = 1, kWrite = 2 };
  uint8_t* materialize(uint32_t page, bool for_write);
  uint8_t* page_data(uint32_t page);  // allocates a mapped page whatever its permissions

  ZeroedArray<uint8_t> perms_;
  ZeroedArray<uint8_t*> read_, write_, data_;
  std::vector<std::unique_ptr<uint8_t[]>> owned_;
};

}  // namespace oneproof::vm
