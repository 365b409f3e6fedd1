// Max pooling forward, 4 output columns at a time. Each lane walks its
// window's taps in row-major order with the same update rule as the scalar
// code (simd::replaces), so ties, NaN and ±inf come out identical; columns
// whose window is clipped by the padding go through detail::max_window.
#include "pool_simd.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad::detail {
namespace {

using namespace simd;

// KW / SW: kernel width and stride along W known at compile time (0: read
// from the plan), so the common kernels are fully unrolled.
template <int KW, int SW>
void max_planes(const Plan& p, const float* input, float* output, int32_t* indices) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const int32_t kw = KW ? KW : aw.kernel;
  const int32_t sw = SW ? SW : aw.stride;
  const int32_t dw = aw.dilation;
  const Interior iv = max_interior(p);
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const i32x4 lane_cols = i32x4{0, 1, 2, 3} * sw;

  auto lanes = [&](const float* q) { return load_lanes<SW>(q, sw); };

  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input + plane * in_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      float* out = output + plane * out_plane + int64_t{oh} * p.out_w;
      int32_t* idx = indices + plane * out_plane + int64_t{oh} * p.out_w;
      const AxisWindow wh = axis_window(oh, p.in_h, ah);
      const bool empty_rows = wh.first == wh.last;
      const int32_t lo = empty_rows ? p.out_w : iv.lo;
      const int32_t hi = empty_rows ? p.out_w : iv.hi;
      for (int32_t ow = 0; ow < lo; ++ow) max_window(p, in, oh, ow, out + ow, idx + ow);
      for (int32_t ow = hi; ow < p.out_w; ++ow) max_window(p, in, oh, ow, out + ow, idx + ow);
      // Steps of 4 columns; the last step is moved back to end at `hi`
      // (recomputing a few columns) instead of a scalar remainder.
      for (int32_t ow = lo; ow < hi; ow += 4) {
        if (ow + 4 > hi) ow = hi - 4;
        const int32_t col0 = ow * sw - aw.padding;
        int32_t h = wh.start + wh.first * ah.dilation;
        const float* row = in + int64_t{h} * p.in_w + col0;
        f32x4 best = lanes(row);
        i32x4 at = splat(h * p.in_w);
        for (int32_t tw = 1; tw < kw; ++tw) {
          const f32x4 v = lanes(row + tw * dw);
          const i32x4 m = replaces(v, best);
          best = select(m, v, best);
          at = select(m, splat(h * p.in_w + tw * dw), at);
        }
        for (int32_t th = wh.first + 1; th < wh.last; ++th) {
          h = wh.start + th * ah.dilation;
          row = in + int64_t{h} * p.in_w + col0;
          for (int32_t tw = 0; tw < kw; ++tw) {
            const f32x4 v = lanes(row + tw * dw);
            const i32x4 m = replaces(v, best);
            best = select(m, v, best);
            at = select(m, splat(h * p.in_w + tw * dw), at);
          }
        }
        store(out + ow, best);
        store(idx + ow, at + splat(col0) + lane_cols);
      }
    }
  }
}

}  // namespace

void max_forward_fast(Path path, const Plan& p, ConstFloats input, Floats output,
                      Indices indices) {
  switch (path) {
    case Path::max_k2s2: return max_planes<2, 2>(p, input.data, output.data, indices.data);
    case Path::max_k3s2: return max_planes<3, 2>(p, input.data, output.data, indices.data);
    case Path::max_s1: return max_planes<0, 1>(p, input.data, output.data, indices.data);
    default: return max_planes<0, 0>(p, input.data, output.data, indices.data);
  }
}

}  // namespace poolgrad::detail
