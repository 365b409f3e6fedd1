#include "scratch.hpp"

#include <malloc.h>

#include <cstdint>
#include <cstdlib>

namespace poolgrad::detail {
namespace {

void* kept = nullptr;
size_t kept_size = 0;
size_t kept_heap = 0;  // malloc's bytes in use attributable to `kept`
uint64_t allocations = 0;

void* scratch_block(size_t bytes) {
  ++allocations;
  return allocate_aligned(bytes);
}

}  // namespace

void* allocate_aligned(size_t bytes) {
  void* block = nullptr;
  if (posix_memalign(&block, 64, bytes == 0 ? 64 : bytes) != 0) return nullptr;
  return block;
}

size_t malloc_bytes_in_use() {
#if defined(__GLIBC__)
  return mallinfo2().uordblks;  // glibc deprecates mallinfo(), whose int fields wrap
#else
  return static_cast<size_t>(mallinfo().uordblks);
#endif
}

Scratch::Scratch(uint64_t bytes) {
  if (bytes > SIZE_MAX - 64) return;
  if (bytes <= kept_size) {
    data_ = kept;
    return;
  }
  if (bytes > kKeptLimit) {
    data_ = scratch_block(bytes);
    owned_ = data_ != nullptr;
    return;
  }
  std::free(kept);
  kept = nullptr;
  kept_size = kept_heap = 0;
  const size_t before = malloc_bytes_in_use();
  data_ = scratch_block(bytes);
  if (data_ == nullptr) return;
  kept = data_;
  kept_size = bytes;
  kept_heap = malloc_bytes_in_use() - before;
}

Scratch::~Scratch() {
  if (owned_) std::free(data_);
}

size_t Scratch::kept_bytes() { return kept_size; }
size_t Scratch::kept_footprint() { return kept_heap; }
uint64_t Scratch::blocks_allocated() { return allocations; }

}  // namespace poolgrad::detail
