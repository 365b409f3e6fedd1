#include "poolgrad/maxpool.hpp"

#include <algorithm>
#include <cstring>
#include <limits>

#include "pool_simd.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad {

using detail::axis_window;

void detail::max_window(const Plan& p, const float* in, int32_t oh, int32_t ow, float* out,
                        int32_t* idx) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const auto wh = axis_window(oh, p.in_h, ah);
  const auto ww = axis_window(ow, p.in_w, aw);
  float best = -std::numeric_limits<float>::infinity();
  int32_t best_index = -1;
  for (int32_t th = wh.first; th < wh.last; ++th) {
    const int32_t h = wh.start + th * ah.dilation;
    const float* row = in + int64_t{h} * p.in_w;
    for (int32_t tw = ww.first; tw < ww.last; ++tw) {
      const int32_t w = ww.start + tw * aw.dilation;
      const float v = row[w];
      // The first element always wins; later ones only if strictly
      // greater, or if they are the first NaN (NaN beats every number).
      if (best_index < 0 || v > best || (v != v && best == best)) {
        best = v;
        best_index = h * p.in_w + w;
      }
    }
  }
  *out = best;
  *idx = best_index;
}

namespace {

int64_t floor_div(int64_t a, int64_t b) { return a >= 0 ? a / b : -((-a + b - 1) / b); }

// NaN beats every number; without indices which NaN won does not matter.
inline float larger(float best, float v) { return (v > best || v != v) ? v : best; }

}  // namespace

// Row by row: the output row starts at -inf and each tap of the window folds
// one input row into it, 4 output columns per vector step (lanes gathered at
// the stride), so there is no index bookkeeping at all.
// S = 1 or 2 gathers 4 columns per vector step; other strides go one by one.
template <int S>
void fold_row(float* __restrict out, const float* row, int64_t lo, int64_t hi, int32_t stride,
              int64_t offset) {
  int64_t ow = lo;
  for (; S == stride && ow + 4 <= hi; ow += 4) {
    const simd::f32x4 x = simd::load_lanes<S>(row + ow * stride + offset, stride);
    const simd::f32x4 best = simd::load(out + ow);
    simd::store(out + ow, simd::select((x > best) | (x != x), x, best));
  }
  for (; ow < hi; ++ow) out[ow] = larger(out[ow], row[ow * stride + offset]);
}

void detail::max_forward_values(const Plan& p, ConstFloats input, Floats output) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input.data + plane * in_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      float* out = output.data + plane * out_plane + int64_t{oh} * p.out_w;
      std::fill(out, out + p.out_w, -std::numeric_limits<float>::infinity());
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t th = wh.first; th < wh.last; ++th) {
        const float* row = in + int64_t{wh.start + th * ah.dilation} * p.in_w;
        for (int32_t tw = 0; tw < aw.kernel; ++tw) {
          // Tap tw of output column ow reads input column ow·stride + offset.
          const int64_t offset = int64_t{tw} * aw.dilation - aw.padding;
          const int64_t lo = offset >= 0 ? 0 : (-offset + aw.stride - 1) / aw.stride;
          const int64_t hi = std::min<int64_t>(p.out_w, floor_div(p.in_w - 1 - offset, aw.stride) + 1);
          if (aw.stride == 1) fold_row<1>(out, row, lo, hi, 1, offset);
          else fold_row<2>(out, row, lo, hi, aw.stride, offset);
        }
      }
    }
  }
}

void max_pool2d_forward(const Plan& p, ConstFloats input, Floats output,
                        Indices indices) {
  const detail::Path path = detail::path_for(detail::Op::max_forward, p);
  switch (path) {
    case detail::Path::max_values:
      detail::max_forward_values(p, input, output);
      return;
    case detail::Path::max_nhwc:
      detail::max_forward_nhwc(p, input, output, indices);
      return;
    case detail::Path::max_nhwc_values:
      detail::max_forward_nhwc(p, input, output, Indices{nullptr, 0});
      return;
    default:
      break;
  }
  if (path != detail::Path::general) {
    detail::max_forward_fast(path, p, input, output, indices);
    return;
  }
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input.data + plane * in_plane;
    float* out = output.data + plane * out_plane;
    int32_t* idx = indices.data + plane * out_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const int64_t at = int64_t{oh} * p.out_w + ow;
        detail::max_window(p, in, oh, ow, out + at, idx + at);
      }
    }
  }
}

Status max_pool2d_backward(const Plan& p, ConstFloats grad_output,
                           ConstIndices indices, Floats grad_input) {
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const int64_t out_total = p.planes * out_plane;
  // One branch-free pass decides validity before anything is written, so a
  // refused call leaves grad_input untouched.
  int32_t bad = 0;
  const int32_t limit = static_cast<int32_t>(in_plane);
  for (int64_t i = 0; i < out_total; ++i) {
    const int32_t v = indices.data[i];
    bad |= (v < -1) | (v >= limit);
  }
  if (bad) return Status::bad_indices;
  if (detail::path_for(detail::Op::max_backward, p) == detail::Path::max_back_nhwc) {
    detail::max_backward_nhwc(p, grad_output, indices, grad_input);
    return Status::ok;
  }
  // Plane by plane, so the zeroed plane is still in cache when the scatter
  // adds into it. Index -1 lands in a dummy cell instead of a branch.
  float dummy = 0.0f;
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* go = grad_output.data + plane * out_plane;
    const int32_t* idx = indices.data + plane * out_plane;
    float* gi = grad_input.data + plane * in_plane;
    std::memset(gi, 0, sizeof(float) * in_plane);
    for (int64_t i = 0; i < out_plane; ++i) {
      const int32_t k = idx[i];
      float* cell = k >= 0 ? gi + k : &dummy;
      *cell += go[i];
    }
  }
  return Status::ok;
}

}  // namespace poolgrad
