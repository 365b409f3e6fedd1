// Average pooling, 4 columns at a time. Every lane adds its window's taps in
// the same row-major order as the scalar code and divides (never multiplies
// by a reciprocal), so results are bit-identical to the general path.
#include <algorithm>
#include <cstring>
#include <vector>

#include "pool_simd.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad::detail {
namespace {

using namespace simd;

template <int SW>
void avg_planes(const Plan& p, const float* input, float* output) {
  const AxisOptions& aw = p.opt.w;
  const int32_t kw = aw.kernel;
  const int32_t sw = SW ? SW : aw.stride;
  const Interior iv = avg_interior(p);
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;

  auto lanes = [&](const float* q) { return load_lanes<SW>(q, sw); };

  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input + plane * in_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      float* out = output + plane * out_plane + int64_t{oh} * p.out_w;
      const AvgWindow wh = avg_window(oh, p.in_h, p.opt.h);
      for (int32_t ow = 0; ow < iv.lo; ++ow) out[ow] = avg_window_mean(p, in, oh, ow);
      for (int32_t ow = iv.hi; ow < p.out_w; ++ow) out[ow] = avg_window_mean(p, in, oh, ow);
      // Interior windows are whole along W, so they share one divisor.
      const f32x4 divisor = splat(avg_divisor(p, oh, iv.lo));
      for (int32_t ow = iv.lo; ow < iv.hi; ow += 4) {
        if (ow + 4 > iv.hi) ow = iv.hi - 4;
        const float* base = in + (ow * sw - aw.padding);
        f32x4 sum = splat(0.0f);
        for (int32_t h = wh.begin; h < wh.end; ++h) {
          const float* row = base + int64_t{h} * p.in_w;
          for (int32_t tw = 0; tw < kw; ++tw) sum += lanes(row + tw);
        }
        store(out + ow, sum / divisor);
      }
    }
  }
}

// shares[i] = grad_output[i] / divisor[i], 4 at a time.
void divide(const float* go, const float* divisors, float* shares, int64_t n) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) store(shares + i, load(go + i) / load(divisors + i));
  for (; i < n; ++i) shares[i] = go[i] / divisors[i];
}

std::vector<float> divisor_table(const Plan& p) {
  std::vector<float> t(static_cast<size_t>(p.out_h) * p.out_w);
  for (int32_t oh = 0; oh < p.out_h; ++oh)
    for (int32_t ow = 0; ow < p.out_w; ++ow)
      t[static_cast<size_t>(oh) * p.out_w + ow] = avg_divisor(p, oh, ow);
  return t;
}

// Stride 1: gradient cell (h, w) gathers the shares of the outputs
// oh ∈ [h+ph-kh+1, h+ph], ow ∈ [w+pw-kw+1, w+pw] in row-major output order,
// the order in which the scatter-add of the general path would add them, and
// writes each cell once: no zeroing pass, no read-modify-write.
void avg_back_s1(const Plan& p, const float* grad_output, float* grad_input) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const std::vector<float> divisors = divisor_table(p);
  std::vector<float> shares(static_cast<size_t>(out_plane));
  // Columns whose whole range of outputs exists: [w_lo, w_hi).
  const int32_t w_lo = std::max(0, aw.kernel - 1 - aw.padding);
  const int32_t w_hi = std::min(p.in_w, p.out_w - aw.padding);
  const bool vector = w_hi - w_lo >= 4;

  auto cell = [&](int32_t oh_lo, int32_t oh_hi, int32_t w) {
    const int32_t ow_lo = std::max(0, w + aw.padding - aw.kernel + 1);
    const int32_t ow_hi = std::min(p.out_w - 1, w + aw.padding);
    float sum = 0.0f;
    for (int32_t oh = oh_lo; oh <= oh_hi; ++oh)
      for (int32_t ow = ow_lo; ow <= ow_hi; ++ow) sum += shares[size_t(oh) * p.out_w + ow];
    return sum;
  };

  for (int64_t plane = 0; plane < p.planes; ++plane) {
    divide(grad_output + plane * out_plane, divisors.data(), shares.data(), out_plane);
    float* gi = grad_input + plane * in_plane;
    for (int32_t h = 0; h < p.in_h; ++h) {
      const int32_t oh_lo = std::max(0, h + ah.padding - ah.kernel + 1);
      const int32_t oh_hi = std::min(p.out_h - 1, h + ah.padding);
      float* row = gi + int64_t{h} * p.in_w;
      const int32_t lo = vector ? w_lo : p.in_w;
      const int32_t hi = vector ? w_hi : p.in_w;
      for (int32_t w = 0; w < lo; ++w) row[w] = cell(oh_lo, oh_hi, w);
      for (int32_t w = hi; w < p.in_w; ++w) row[w] = cell(oh_lo, oh_hi, w);
      for (int32_t w = lo; w < hi; w += 4) {
        if (w + 4 > hi) w = hi - 4;
        const float* first = shares.data() + (w + aw.padding - aw.kernel + 1);
        f32x4 sum = splat(0.0f);
        for (int32_t oh = oh_lo; oh <= oh_hi; ++oh) {
          const float* s = first + int64_t{oh} * p.out_w;
          for (int32_t j = 0; j < aw.kernel; ++j) sum += load(s + j);
        }
        store(row + w, sum);
      }
    }
  }
}

// Stride ≥ kernel: each gradient cell belongs to at most one window, so it is
// 0 + that window's share (0 + x as in the scatter-add, which turns -0 into
// +0) or 0. Uncovered cells point at a zero slot instead of branching.
void avg_back_disjoint(const Plan& p, const float* grad_output, float* grad_input) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const std::vector<float> divisors = divisor_table(p);
  std::vector<float> shares(static_cast<size_t>(out_plane) + 1);
  std::vector<int32_t> column(static_cast<size_t>(p.in_w));
  const int32_t zero_slot = static_cast<int32_t>(out_plane);
  for (int32_t w = 0; w < p.in_w; ++w) {
    const int32_t ow = (w + aw.padding) / aw.stride;
    const bool covered = ow < p.out_w && w + aw.padding - ow * aw.stride < aw.kernel;
    column[w] = covered ? ow : -1;
  }
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    divide(grad_output + plane * out_plane, divisors.data(), shares.data(), out_plane);
    shares[zero_slot] = 0.0f;
    float* gi = grad_input + plane * in_plane;
    for (int32_t h = 0; h < p.in_h; ++h) {
      float* row = gi + int64_t{h} * p.in_w;
      const int32_t oh = (h + ah.padding) / ah.stride;
      if (oh >= p.out_h || h + ah.padding - oh * ah.stride >= ah.kernel) {
        std::memset(row, 0, sizeof(float) * p.in_w);
        continue;
      }
      const int32_t offset = oh * p.out_w;
      for (int32_t w = 0; w < p.in_w; ++w) {
        const int32_t c = column[w];
        row[w] = 0.0f + shares[c >= 0 ? offset + c : zero_slot];
      }
    }
  }
}

}  // namespace

void avg_forward_fast(Path path, const Plan& p, ConstFloats input, Floats output) {
  switch (path) {
    case Path::avg_s1: return avg_planes<1>(p, input.data, output.data);
    case Path::avg_s2: return avg_planes<2>(p, input.data, output.data);
    default: return avg_planes<0>(p, input.data, output.data);
  }
}

void avg_backward_fast(Path path, const Plan& p, ConstFloats grad_output,
                       Floats grad_input) {
  if (path == Path::avg_back_s1) return avg_back_s1(p, grad_output.data, grad_input.data);
  avg_back_disjoint(p, grad_output.data, grad_input.data);
}

}  // namespace poolgrad::detail
