// Average pooling, 4 columns at a time. Every lane adds its window's taps in
// the same row-major order as the scalar code and divides (never multiplies
// by a reciprocal), so results are bit-identical to the general path.
#include <algorithm>
#include <cstring>

#include "pool_simd.hpp"
#include "scratch.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad::detail {
namespace {

using namespace simd;

// G groups of 4 output columns at `ow` over a zero-padded copy of the plane:
// independent add chains side by side, each lane still adding its taps in
// row-major order (the zeros of the padding add nothing: x + 0 = x for any
// partial sum, which starts at +0 and so is never -0).
template <int KH, int KW, int SW, int G>
inline void avg_step(const float* padded, int32_t stride_rows, int32_t kw_rt, int32_t sw_rt,
                     const AvgWindow& wh, const float* divisors, float* out, int32_t ow) {
  const int32_t kw = KW ? KW : kw_rt;
  const int32_t sw = SW ? SW : sw_rt;
  const float* base = padded + ow * sw;
  f32x4 sum[G];
  for (int g = 0; g < G; ++g) sum[g] = splat(0.0f);
  for (int32_t h = wh.begin; h < (KH ? wh.begin + KH : wh.end); ++h) {
    const float* row = base + int64_t{h} * stride_rows;
    for (int32_t tw = 0; tw < kw; ++tw)
      for (int g = 0; g < G; ++g) sum[g] += load_lanes<SW>(row + 4 * g * sw + tw, sw);
  }
  for (int g = 0; g < G; ++g) store(out + ow + 4 * g, sum[g] / load(divisors + ow + 4 * g));
}

uint64_t floats_bytes(int64_t n) { return aligned_bytes(static_cast<uint64_t>(n) * sizeof(float)); }
float* floats_at(const Scratch& s, uint64_t offset) {
  return reinterpret_cast<float*>(static_cast<char*>(s.data()) + offset);
}
void fill_divisor_table(const Plan& p, float* table);

// One scratch block for a kernel: `count` zeroed floats (padded rows or
// shares), then the plan's per-window divisors.
class ZeroedAndDivisors {
 public:
  ZeroedAndDivisors(const Plan& p, int64_t count)
      : zeroed_bytes_(floats_bytes(count)),
        scratch_(zeroed_bytes_ + floats_bytes(int64_t{p.out_h} * p.out_w)) {
    if (!ok()) return;
    std::memset(zeroed(), 0, zeroed_bytes_);
    fill_divisor_table(p, divisors());
  }
  bool ok() const { return scratch_.data() != nullptr; }
  float* zeroed() const { return floats_at(scratch_, 0); }
  float* divisors() const { return floats_at(scratch_, zeroed_bytes_); }

 private:
  uint64_t zeroed_bytes_;
  Scratch scratch_;
};

// One output row; KH > 0 when its windows hold exactly KH input rows, so
// that loop unrolls (3×3 stride-1 windows, the common case: W3 -5%).
template <int KH, int KW, int SW>
void avg_row(const Plan& p, const float* source, int32_t width, const AvgWindow& wh,
             const float* div, float* out) {
  const AxisOptions& aw = p.opt.w;
  int32_t ow = 0;
  for (; ow + 8 <= p.out_w; ow += 8)
    avg_step<KH, KW, SW, 2>(source, width, aw.kernel, aw.stride, wh, div, out, ow);
  // The last step is moved back to end at out_w instead of a remainder.
  for (; ow < p.out_w; ow += 4)
    avg_step<KH, KW, SW, 1>(source, width, aw.kernel, aw.stride, wh, div, out,
                            ow + 4 > p.out_w ? p.out_w - 4 : ow);
}

template <int KW, int SW>
bool avg_planes(const Plan& p, const float* input, float* output) {
  const AxisOptions& aw = p.opt.w;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  // Every window, clipped ones included, reads inside the padded rows:
  // pw zeros left, the row, zeros up to the last tap of the last window.
  // Without padding, and when the last window ends inside the row, the
  // planes are read in place.
  const int32_t reach = (p.out_w - 1) * aw.stride + aw.kernel;
  const bool copy = aw.padding > 0 || reach > p.in_w;
  const int32_t width = copy ? std::max(reach, aw.padding + p.in_w) : p.in_w;
  const ZeroedAndDivisors scratch(p, copy ? int64_t{width} * p.in_h : 0);
  if (!scratch.ok()) return false;
  float* padded = scratch.zeroed();
  const float* divisors = scratch.divisors();
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input + plane * in_plane;
    const float* source = in;
    if (copy) {
      for (int32_t h = 0; h < p.in_h; ++h)
        copy_row(padded + size_t(h) * width + aw.padding, in + int64_t{h} * p.in_w, p.in_w);
      source = padded;
    }
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      float* out = output + plane * out_plane + int64_t{oh} * p.out_w;
      const float* div = divisors + size_t(oh) * p.out_w;
      const AvgWindow wh = avg_window(oh, p.in_h, p.opt.h);
      if constexpr (KW == 3 && SW == 1) {
        if (wh.end - wh.begin == 3) {
          avg_row<3, KW, SW>(p, source, width, wh, div, out);
          continue;
        }
      }
      avg_row<0, KW, SW>(p, source, width, wh, div, out);
    }
  }
  return true;
}

template <int SW>
bool avg_planes_by_kernel(const Plan& p, const float* input, float* output) {
  switch (p.opt.w.kernel) {
    case 2: return avg_planes<2, SW>(p, input, output);
    case 3: return avg_planes<3, SW>(p, input, output);
    default: return avg_planes<0, SW>(p, input, output);
  }
}

// shares[i] = grad_output[i] / divisor[i], 4 at a time.
void divide(const float* go, const float* divisors, float* shares, int64_t n) {
  int64_t i = 0;
  for (; i + 4 <= n; i += 4) store(shares + i, load(go + i) / load(divisors + i));
  for (; i < n; ++i) shares[i] = go[i] / divisors[i];
}

void fill_divisor_table(const Plan& p, float* table) {
  for (int32_t oh = 0; oh < p.out_h; ++oh)
    for (int32_t ow = 0; ow < p.out_w; ++ow)
      table[static_cast<size_t>(oh) * p.out_w + ow] = avg_divisor(p, oh, ow);
}

// G groups of 4 gradient cells at `w` (stride 1, see avg_back_s1).
template <int KW, int G>
inline void gather_step(const float* shares, int32_t width, int32_t kw_rt, int32_t pw,
                        int32_t oh_lo, int32_t oh_hi, float* row, int32_t w) {
  const int32_t kw = KW ? KW : kw_rt;
  const float* first = shares + (w + pw);
  f32x4 sum[G];
  for (int g = 0; g < G; ++g) sum[g] = splat(0.0f);
  for (int32_t oh = oh_lo; oh <= oh_hi; ++oh) {
    const float* s = first + int64_t{oh} * width;
    for (int32_t j = 0; j < kw; ++j)
      for (int g = 0; g < G; ++g) sum[g] += load(s + 4 * g + j);
  }
  for (int g = 0; g < G; ++g) store(row + w + 4 * g, sum[g]);
}

// Stride 1: gradient cell (h, w) gathers the shares of the outputs
// oh ∈ [h+ph-kh+1, h+ph], ow ∈ [w+pw-kw+1, w+pw] in row-major output order,
// the order in which the scatter-add of the general path would add them, and
// writes each cell once: no zeroing pass, no read-modify-write. The shares
// sit in rows with kw-1 zeros before and enough zeros after, so columns
// whose range is clipped need no special case (0 + 0 = +0, and x + 0 = x for
// the partial sums, which start at +0).
template <int KW>
bool avg_back_s1(const Plan& p, const float* grad_output, float* grad_input) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const int32_t left = aw.kernel - 1;
  const int32_t width = left + std::max(p.out_w, p.in_w + aw.padding) + aw.kernel;
  const ZeroedAndDivisors scratch(p, int64_t{width} * p.out_h);
  if (!scratch.ok()) return false;
  float* shares = scratch.zeroed();
  const float* divisors = scratch.divisors();
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    for (int32_t oh = 0; oh < p.out_h; ++oh)
      divide(grad_output + plane * out_plane + int64_t{oh} * p.out_w,
             divisors + size_t(oh) * p.out_w, shares + size_t(oh) * width + left,
             p.out_w);
    float* gi = grad_input + plane * in_plane;
    for (int32_t h = 0; h < p.in_h; ++h) {
      const int32_t oh_lo = std::max(0, h + ah.padding - ah.kernel + 1);
      const int32_t oh_hi = std::min(p.out_h - 1, h + ah.padding);
      float* row = gi + int64_t{h} * p.in_w;
      int32_t w = 0;
      // 3 groups of 4 cells: with 4 groups V8 runs out of registers and
      // spills (3 are 9% faster at widths 14 to 112; 2 were no faster than 4).
      for (; w + 12 <= p.in_w; w += 12)
        gather_step<KW, 3>(shares, width, aw.kernel, aw.padding, oh_lo, oh_hi, row, w);
      // The last step is moved back to end at in_w instead of a remainder.
      for (; w < p.in_w; w += 4)
        gather_step<KW, 1>(shares, width, aw.kernel, aw.padding, oh_lo, oh_hi, row,
                           w + 4 > p.in_w ? p.in_w - 4 : w);
    }
  }
  return true;
}

// Stride ≥ kernel: each gradient cell belongs to at most one window, so it is
// 0 + that window's share (0 + x as in the scatter-add, which turns -0 into
// +0) or 0. Uncovered cells point at a zero slot instead of branching.
bool avg_back_disjoint(const Plan& p, const float* grad_output, float* grad_input) {
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  const uint64_t divisors_bytes = floats_bytes(out_plane);
  const uint64_t shares_bytes = floats_bytes(out_plane + 1);
  const Scratch scratch(divisors_bytes + shares_bytes + floats_bytes(p.in_w));
  if (!scratch.data()) return false;
  float* divisors = floats_at(scratch, 0);
  float* shares = floats_at(scratch, divisors_bytes);
  int32_t* column = reinterpret_cast<int32_t*>(floats_at(scratch, divisors_bytes + shares_bytes));
  fill_divisor_table(p, divisors);
  const int32_t zero_slot = static_cast<int32_t>(out_plane);
  for (int32_t w = 0; w < p.in_w; ++w) {
    const int32_t ow = (w + aw.padding) / aw.stride;
    const bool covered = ow < p.out_w && w + aw.padding - ow * aw.stride < aw.kernel;
    column[w] = covered ? ow : -1;
  }
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    divide(grad_output + plane * out_plane, divisors, shares, out_plane);
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
  return true;
}

}  // namespace

bool avg_forward_fast(Path path, const Plan& p, ConstFloats input, Floats output) {
  switch (path) {
    case Path::avg_s1: return avg_planes_by_kernel<1>(p, input.data, output.data);
    case Path::avg_s2: return avg_planes_by_kernel<2>(p, input.data, output.data);
    default: return avg_planes_by_kernel<0>(p, input.data, output.data);
  }
}

bool avg_backward_fast(Path path, const Plan& p, ConstFloats grad_output,
                       Floats grad_input) {
  if (path == Path::avg_back_s1) {
    if (p.opt.w.kernel == 3) return avg_back_s1<3>(p, grad_output.data, grad_input.data);
    return avg_back_s1<0>(p, grad_output.data, grad_input.data);
  }
  return avg_back_disjoint(p, grad_output.data, grad_input.data);
}

}  // namespace poolgrad::detail
