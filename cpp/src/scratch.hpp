// Scratch memory for the fast kernels (padded rows, divisor tables, shares).
//
// Not std::vector: this build has no C++ exceptions, so a failed operator new
// aborts the whole wasm instance. Scratch hands out null instead and the
// caller takes the general path, which needs no memory and gives the same
// bits. One block is kept between calls, so once it is large enough a call on
// resident tensors allocates nothing; a block larger than kKeptLimit lives only
// as long as its Scratch. Single-threaded, like the wasm module.
#pragma once
#include <cstddef>
#include <cstdint>

namespace poolgrad::detail {

class Scratch {
 public:
  static constexpr size_t kKeptLimit = size_t{16} << 20;

  // 64-bit, since sizes are computed from plans before they are known to fit
  // a 32-bit size_t; anything that does not fit gets null.
  explicit Scratch(uint64_t bytes);
  ~Scratch();
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  // 64-byte aligned; null when memory ran out.
  void* data() const { return data_; }

  // The kept block: its usable size, and what it adds to malloc's bytes in use
  // (reported apart from the caller's own allocations).
  static size_t kept_bytes();
  static size_t kept_footprint();
  // How many blocks were ever requested from malloc: the tests' proof that
  // repeated calls allocate nothing.
  static uint64_t blocks_allocated();

 private:
  void* data_ = nullptr;
  bool owned_ = false;  // a block over kKeptLimit, released by the destructor
};

// 64-byte aligned memory from malloc (at least 64 bytes), null when there is
// none: the blocks of alloc() tensors and of Scratch.
void* allocate_aligned(size_t bytes);

// Bytes malloc has handed out and not had back (mallinfo's uordblks).
size_t malloc_bytes_in_use();

// Kernels needing several arrays take one block and split it at multiples of 64.
constexpr uint64_t aligned_bytes(uint64_t bytes) { return (bytes + 63) / 64 * 64; }

}  // namespace poolgrad::detail
