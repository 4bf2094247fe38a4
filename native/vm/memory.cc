#include "vm/memory.h"

#include <algorithm>

namespace oneproof::vm {

Memory::Memory(const Program& program) : perms_(kPages), read_(kPages), write_(kPages), data_(kPages) {
  for (const Segment& s : program.segments) {
    const uint32_t first = s.vaddr >> kPageBits;
    const uint32_t last = uint32_t((uint64_t(s.vaddr) + s.mem_size - 1) >> kPageBits);
    for (uint32_t page = first; page <= last; ++page) {
      // A page shared by two segments has the same permissions in both (the loader checks it).
      perms_[page] |= (s.readable ? kRead : 0) | (s.writable ? kWrite : 0);
    }
  }
  for (const Segment& s : program.segments) {
    for (size_t i = 0; i < s.data.size();) {
      const uint32_t addr = s.vaddr + uint32_t(i);
      const size_t chunk = std::min<size_t>(s.data.size() - i, (1u << kPageBits) - offset(addr));
      uint8_t* page = page_data(addr >> kPageBits);
      std::memcpy(page + offset(addr), s.data.data() + i, chunk);
      i += chunk;
    }
  }
}

uint8_t* Memory::page_data(uint32_t page) {
  if (!data_[page]) {
    owned_.emplace_back(new uint8_t[1u << kPageBits]());
    data_[page] = owned_.back().get();
    if (perms_[page] & kRead) read_[page] = data_[page];
    if (perms_[page] & kWrite) write_[page] = data_[page];
  }
  return data_[page];
}

uint8_t* Memory::materialize(uint32_t page, bool for_write) {
  if (!(perms_[page] & (for_write ? kWrite : kRead))) return nullptr;
  return page_data(page);
}

}  // namespace oneproof::vm
