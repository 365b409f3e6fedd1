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

struct MaxRow {
  const float* in;  // the plane
  int32_t in_w, kw, sw, dw, dh, pw;
  AxisWindow wh;
  float* out;
  int32_t* idx;
  i32x4 lane_cols;
};

// G groups of 4 adjacent output columns starting at `ow`, walked together:
// each group's compare/select chain depends on its previous tap, so several
// independent chains keep the CPU's vector units busy instead of waiting.
template <int KW, int SW, int G>
inline void max_step(const MaxRow& r, int32_t ow) {
  const int32_t kw = KW ? KW : r.kw;
  const int32_t sw = SW ? SW : r.sw;
  const int32_t col0 = ow * sw - r.pw;
  f32x4 best[G];
  i32x4 at[G];
  int32_t h = r.wh.start + r.wh.first * r.dh;
  const float* row = r.in + int64_t{h} * r.in_w + col0;
  for (int g = 0; g < G; ++g) {
    best[g] = load_lanes<SW>(row + 4 * g * sw, sw);
    at[g] = splat(h * r.in_w);
  }
  for (int32_t th = r.wh.first; th < r.wh.last; ++th) {
    h = r.wh.start + th * r.dh;
    row = r.in + int64_t{h} * r.in_w + col0;
    int32_t tw = th == r.wh.first ? 1 : 0;
    if constexpr (SW == 2 && KW > 0) {
      // Dilation 1 (the dispatch guarantees it): taps tw and tw+1 are the
      // even and odd lanes of the same 8 floats, two loads and two unzips.
      for (; tw + 1 < kw; tw += 2) {
        const i32x4 tap0 = splat(h * r.in_w + tw), tap1 = splat(h * r.in_w + tw + 1);
        for (int g = 0; g < G; ++g) {
          const float* q = row + 8 * g + tw;
          const f32x4 a = load(q), b = load(q + 4);
          const f32x4 v0 = __builtin_shufflevector(a, b, 0, 2, 4, 6);
          const f32x4 v1 = __builtin_shufflevector(a, b, 1, 3, 5, 7);
          i32x4 m = replaces(v0, best[g]);
          best[g] = select(m, v0, best[g]);
          at[g] = select(m, tap0, at[g]);
          m = replaces(v1, best[g]);
          best[g] = select(m, v1, best[g]);
          at[g] = select(m, tap1, at[g]);
        }
      }
    }
    for (; tw < kw; ++tw) {
      const i32x4 tap = splat(h * r.in_w + tw * r.dw);
      for (int g = 0; g < G; ++g) {
        const f32x4 v = load_lanes<SW>(row + 4 * g * sw + tw * r.dw, sw);
        const i32x4 m = replaces(v, best[g]);
        best[g] = select(m, v, best[g]);
        at[g] = select(m, tap, at[g]);
      }
    }
  }
  for (int g = 0; g < G; ++g) {
    store(r.out + ow + 4 * g, best[g]);
    store(r.idx + ow + 4 * g, at[g] + splat(col0 + 4 * g * sw) + r.lane_cols);
  }
}

// KW / SW: kernel width and stride along W known at compile time (0: read
// from the plan), so the common kernels are fully unrolled.
template <int KW, int SW>
void max_planes(const Plan& p, const float* input, float* output, int32_t* indices) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const Interior iv = max_interior(p);
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  MaxRow r;
  r.in_w = p.in_w;
  r.kw = aw.kernel;
  r.sw = aw.stride;
  r.dw = aw.dilation;
  r.dh = ah.dilation;
  r.pw = aw.padding;
  r.lane_cols = i32x4{0, 1, 2, 3} * aw.stride;

  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input + plane * in_plane;
    r.in = in;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      float* out = output + plane * out_plane + int64_t{oh} * p.out_w;
      int32_t* idx = indices + plane * out_plane + int64_t{oh} * p.out_w;
      r.out = out;
      r.idx = idx;
      r.wh = axis_window(oh, p.in_h, ah);
      const bool empty_rows = r.wh.first == r.wh.last;
      const int32_t lo = empty_rows ? p.out_w : iv.lo;
      const int32_t hi = empty_rows ? p.out_w : iv.hi;
      for (int32_t ow = 0; ow < lo; ++ow) max_window(p, in, oh, ow, out + ow, idx + ow);
      for (int32_t ow = hi; ow < p.out_w; ++ow) max_window(p, in, oh, ow, out + ow, idx + ow);
      int32_t ow = lo;
      for (; ow + 16 <= hi; ow += 16) max_step<KW, SW, 4>(r, ow);
      // The last step is moved back to end at `hi` (recomputing a few
      // columns) instead of a scalar remainder.
      for (; ow < hi; ow += 4) max_step<KW, SW, 1>(r, ow + 4 > hi ? hi - 4 : ow);
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
