// Max pooling forward, 4 output columns at a time. Each lane's result is the
// scalar code's (first maximum in row-major order, the first NaN wins, ties
// and -0/+0 keep the earlier tap); columns whose window is clipped by the
// padding go through detail::max_window.
#include "pool_simd.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad::detail {
namespace {

using namespace simd;

// Lane groups per step: 3 independent chains of 4 output columns. With 4, V8
// runs out of vector registers and spills (3 are 6% faster on W2, the same on
// W1, and 1.8 KB smaller).
constexpr int kGroups = 3;

// Counters behind detail::max_exact_steps() / max_clipped_steps().
uint64_t exact_steps = 0;
uint64_t clipped_steps = 0;

struct MaxRow {
  const float* in;  // the plane
  int32_t in_w, kw, sw, dw, dh, pw;
  AxisWindow wh;
  float* out;
  int32_t* idx;
  i32x4 lane_cols;
  // The first input row the row's windows read.
  int32_t first_row() const { return wh.start + wh.first * dh; }
};

// CLIP0: the step starts at output column 0 of a kernel-3, stride-2,
// padding-1 row (ResNet's stem), where only tap 0 of the first window, the
// padding column -1, lies outside the input. The vector load reads the
// element before the row there (the caller makes sure it is inside the
// tensor), the walk sets that lane to -inf, which never wins, and the step
// starts the lane's index at tap 1, as the scalar code would.
inline f32x4 minus_inf_in_lane0(f32x4 v) {
  const i32x4 keep = {0, -1, -1, -1}, minus_inf = {int32_t(0xff800000u), 0, 0, 0};
  return (f32x4)(((i32x4)v & keep) | minus_inf);
}

// Visits the taps of G groups of 4 adjacent output columns in row-major
// order (col0: the first lane's window start): visit(group, lanes, offset of
// the tap in the plane).
template <int KW, int SW, int G, bool CLIP0, class Visit>
inline void walk_taps(const MaxRow& r, int32_t col0, Visit&& visit) {
  static_assert(!CLIP0 || (SW == 2 && KW > 0), "CLIP0 is for the unzipped taps");
  const int32_t kw = KW ? KW : r.kw;
  const int32_t sw = SW ? SW : r.sw;
  for (int32_t th = r.wh.first; th < r.wh.last; ++th) {
    const int32_t h = r.wh.start + th * r.dh;
    const float* row = r.in + int64_t{h} * r.in_w + col0;
    const int32_t at = h * r.in_w;
    int32_t tw = 0;
    if constexpr (SW == 2 && KW > 0) {
      // Dilation 1 (the dispatch guarantees it): taps tw and tw+1 are the
      // even and odd lanes of the same 8 floats, two loads and two unzips.
      for (; tw + 1 < kw; tw += 2) {
        for (int g = 0; g < G; ++g) {
          const float* q = row + 8 * g + tw;
          const f32x4 a = load(q), b = load(q + 4);
          const f32x4 even = __builtin_shufflevector(a, b, 0, 2, 4, 6);
          visit(g, CLIP0 && g == 0 && tw == 0 ? minus_inf_in_lane0(even) : even, at + tw);
          visit(g, __builtin_shufflevector(a, b, 1, 3, 5, 7), at + tw + 1);
        }
      }
    }
    for (; tw < kw; ++tw)
      for (int g = 0; g < G; ++g)
        visit(g, load_lanes<SW>(row + 4 * g * sw + tw * r.dw, sw), at + tw * r.dw);
  }
}

// The exact update rule (simd::replaces), for steps whose windows hold a NaN.
// Starting from -inf at the first tap's offset is the same as starting from
// the first tap: it replaces -inf unless it is -inf itself.
template <int KW, int SW, int G>
inline void max_step_exact(const MaxRow& r, int32_t ow, f32x4* best, i32x4* at) {
  const int32_t col0 = ow * (SW ? SW : r.sw) - r.pw;
  const int32_t first = r.first_row() * r.in_w;
  for (int g = 0; g < G; ++g) {
    best[g] = splat(-__builtin_inff());
    at[g] = splat(first);
  }
  walk_taps<KW, SW, G, false>(r, col0, [&](int g, f32x4 v, int32_t offset) {
    const i32x4 m = replaces(v, best[g]);
    best[g] = select(m, v, best[g]);
    at[g] = select(m, splat(offset), at[g]);
  });
}

// G groups side by side: each group's chain depends on its previous tap, so
// independent chains keep the vector units busy instead of waiting.
//
// Without NaN the rule is "a later tap wins iff it is greater": the value is
// a pmax chain and, as taps come in increasing offset order, the index is the
// largest offset of a tap that won, max_s(at, won & offset); four vector
// instructions per tap instead of nine. Whether a window held a NaN is known
// afterwards from a running sum of its taps (NaN in, NaN out; inf + -inf also
// gives NaN and merely costs the exact recomputation), so a step with a NaN
// is computed again with the exact rule.
//
// A CLIP0 step whose check finds a NaN stores nothing and returns false: the
// caller computes its columns with the scalar code (rare, and a CLIP0 copy of
// the exact step would cost another kilobyte of wasm). Its masked -inf also
// makes that check fire for a +inf in column 0's window.
template <int KW, int SW, int G, bool CLIP0 = false>
inline bool max_step(const MaxRow& r, int32_t ow) {
  const int32_t sw = SW ? SW : r.sw;
  const int32_t col0 = ow * sw - r.pw;
  const int32_t first = r.first_row() * r.in_w;
  f32x4 best[G], sum[G];
  i32x4 at[G];
  for (int g = 0; g < G; ++g) {
    best[g] = splat(-__builtin_inff());
    sum[g] = splat(0.0f);
    at[g] = splat(first);
  }
  if constexpr (CLIP0) at[0] += i32x4{1, 0, 0, 0};
  walk_taps<KW, SW, G, CLIP0>(r, col0, [&](int g, f32x4 v, int32_t offset) {
    const i32x4 won = opaque(v > best[g]);
    best[g] = pmax(best[g], v);
    at[g] = max_s(at[g], won & splat(offset));
    sum[g] += v;
  });
  f32x4 check = sum[0];
  for (int g = 1; g < G; ++g) check += sum[g];
  if (any_nan(check)) {
    if constexpr (CLIP0) return false;
    ++exact_steps;
    max_step_exact<KW, SW, G>(r, ow, best, at);
  }
  for (int g = 0; g < G; ++g) {
    store(r.out + ow + 4 * g, best[g]);
    store(r.idx + ow + 4 * g, at[g] + splat(col0 + 4 * g * sw) + r.lane_cols);
  }
  return true;
}

// Output columns [0, 4·kGroups) of a kernel-3, stride-2, padding-1 row as one
// CLIP0 step when that many columns are interior, and the element before the
// first row read (at `plane_start` + that row's offset) lies inside the
// tensor. Returns the first column left to compute: 0 when it did not apply.
// Only this geometry gets the variant: each copy of an unrolled step costs
// over 1 KB of wasm.
template <int KW, int SW>
int32_t clipped_step(const Plan& p, const MaxRow& r, int64_t plane_start, int32_t lo,
                     int32_t hi) {
  if constexpr (KW == 3 && SW == 2) {
    if (lo != 1 || hi < 4 * kGroups || r.pw != 1 ||
        plane_start + int64_t{r.first_row()} * p.in_w == 0)
      return 0;
    if (!max_step<KW, SW, kGroups, true>(r, 0)) return 0;
    ++clipped_steps;
    return 4 * kGroups;
  }
  return 0;
}

// KW / SW: kernel width and stride along W known at compile time (0: read
// from the plan), so the common kernels are fully unrolled.
template <int KW, int SW>
void max_planes(const Plan& p, const float* input, float* output, int32_t* indices) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const Interior iv = interior_columns(p);
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
      for (int32_t ow = hi; ow < p.out_w; ++ow) max_window(p, in, oh, ow, out + ow, idx + ow);
      int32_t ow = clipped_step<KW, SW>(p, r, plane * in_plane, lo, hi);
      if (ow == 0)
        for (; ow < lo; ++ow) max_window(p, in, oh, ow, out + ow, idx + ow);
      for (; ow + 4 * kGroups <= hi; ow += 4 * kGroups) max_step<KW, SW, kGroups>(r, ow);
      // The last step is moved back to end at `hi` (recomputing a few
      // columns) instead of a scalar remainder.
      for (; ow < hi; ow += 4) max_step<KW, SW, 1>(r, ow + 4 > hi ? hi - 4 : ow);
    }
  }
}

}  // namespace

uint64_t max_exact_steps() { return exact_steps; }
uint64_t max_clipped_steps() { return clipped_steps; }

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
