// Non-owning views of the flat buffers a kernel reads and writes. Layout is
// row-major planes of H×W (NCHW with N·C folded into `planes`).
#pragma once
#include <cstdint>

namespace poolgrad {

template <typename T>
struct View {
  T* data;
  int64_t size;  // elements
};

using ConstFloats = View<const float>;
using Floats = View<float>;
using ConstIndices = View<const int32_t>;
using Indices = View<int32_t>;

}  // namespace poolgrad
