// Where one pooling window lies along one axis. Shared by the max and avg
// kernels so both agree on which input elements a window covers.
#pragma once
#include <algorithm>
#include <cstdint>

#include "poolgrad/shape.hpp"

namespace poolgrad::detail {

// Taps t in [first, last) of the window anchored at output position `o` fall
// inside [0, in); tap t reads input position start + t·dilation.
struct AxisWindow {
  int32_t start;  // anchor, may be negative (inside the padding)
  int32_t first;
  int32_t last;
};

inline AxisWindow axis_window(int32_t o, int32_t in, const AxisOptions& a) {
  const int32_t start = o * a.stride - a.padding;
  const int32_t room = in - start;  // positions left from the anchor
  // Without dilation no division is needed; the scalar window code runs this
  // for every clipped window, where two integer divisions per axis showed.
  const int32_t d = a.dilation;
  const int32_t first = start >= 0 ? 0 : d == 1 ? -start : (-start + d - 1) / d;
  const int32_t last = room <= 0 ? 0 : std::min(a.kernel, d == 1 ? room : (room - 1) / d + 1);
  return {start, first, std::max(first, last)};
}

// Taps of a window anchored at `start` that lie before the end of the padded
// input: average pooling's count with count_include_pad (PyTorch's and ONNX's
// divisor; taps past the end only exist in ceil mode).
inline int32_t padded_taps(int32_t start, int32_t in, const AxisOptions& a) {
  const int64_t room = int64_t{in} + end_padding(a) - start;
  if (room <= 0) return 0;
  return static_cast<int32_t>(std::min<int64_t>(a.kernel, (room - 1) / a.dilation + 1));
}

// Average pooling's clipped window [begin, end) and the count of positions
// inside the padded input, for windows without dilation (the vector paths).
struct AvgWindow {
  int32_t begin;
  int32_t end;
  int32_t padded_count;
};

inline AvgWindow avg_window(int32_t o, int32_t in, const AxisOptions& a) {
  const int32_t start = o * a.stride - a.padding;
  // start + kernel can pass 2^31 in ceil mode; the minimum always fits.
  const auto padded_end =
      static_cast<int32_t>(std::min(int64_t{start} + a.kernel, int64_t{in} + end_padding(a)));
  return {std::max(start, 0), std::min(padded_end, in), padded_end - start};
}

}  // namespace poolgrad::detail
