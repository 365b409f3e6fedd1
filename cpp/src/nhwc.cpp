// Channels-last kernels. Every inner loop runs over the C channels of one
// position, which are contiguous, so the compiler vectorizes it whatever the
// kernel, stride, dilation or padding (the layout XNNPACK pools in).
#include <algorithm>
#include <cstring>
#include <limits>

#include "pool_simd.hpp"
#include "simd.hpp"
#include "window.hpp"

namespace poolgrad::detail {
namespace {

struct Sizes {
  int64_t channels, batches, in_plane, out_plane;
  explicit Sizes(const Plan& p)
      : channels(p.channels),
        batches(p.planes / p.channels),
        in_plane(int64_t{p.in_h} * p.in_w),
        out_plane(int64_t{p.out_h} * p.out_w) {}
};

}  // namespace

namespace {

using simd::f32x4;
using simd::i32x4;

constexpr float kMinusInf = -std::numeric_limits<float>::infinity();

// One output position's window over channels [c, c + 4·V): V vectors of
// 4 channels each. `taps(fn)` calls fn(offset, position) for every tap inside
// the input in row-major order. Without indices, pmax keeps the earlier
// value on ties (as the index rule does) and NaN is tracked apart, since
// pmax ignores it: a window holding NaN gives NaN.
template <int V, typename Taps>
void max_values_block(const float* in, const Taps& taps, float* out) {
  f32x4 best[V];
  i32x4 nan[V];
  for (int v = 0; v < V; ++v) {
    best[v] = simd::splat(kMinusInf);
    nan[v] = simd::splat(int32_t{0});
  }
  taps([&](int64_t offset, int32_t) {
    for (int v = 0; v < V; ++v) {
      const f32x4 x = simd::load(in + offset + 4 * v);
      best[v] = simd::pmax(best[v], x);
      nan[v] |= x != x;
    }
  });
  for (int v = 0; v < V; ++v)
    simd::store(out + 4 * v, simd::select(nan[v], simd::splat(std::numeric_limits<float>::quiet_NaN()), best[v]));
}

// With indices: a later tap replaces the best where it is greater or the
// first NaN (simd::replaces), the first tap always.
template <int V, typename Taps>
void max_indices_block(const float* in, const Taps& taps, float* out, int32_t* idx) {
  f32x4 best[V];
  i32x4 at[V];
  for (int v = 0; v < V; ++v) {
    best[v] = simd::splat(kMinusInf);
    at[v] = simd::splat(int32_t{-1});
  }
  taps([&](int64_t offset, int32_t position) {
    const i32x4 here = simd::splat(position);
    for (int v = 0; v < V; ++v) {
      const f32x4 x = simd::load(in + offset + 4 * v);
      const i32x4 take = simd::replaces(x, best[v]) | (at[v] < 0);
      best[v] = simd::select(take, x, best[v]);
      at[v] = simd::select(take, here, at[v]);
    }
  });
  for (int v = 0; v < V; ++v) {
    simd::store(out + 4 * v, best[v]);
    simd::store(idx + 4 * v, at[v]);
  }
}

}  // namespace

// With `indices.data` null no index is tracked (returnIndices: false).
void max_forward_nhwc(const Plan& p, ConstFloats input, Floats output, Indices indices) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  for (int64_t n = 0; n < z.batches; ++n) {
    const float* batch = input.data + n * z.in_plane * c_count;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        const int64_t at = (n * z.out_plane + int64_t{oh} * p.out_w + ow) * c_count;
        float* out = output.data + at;
        int32_t* idx = indices.data ? indices.data + at : nullptr;
        const auto taps = [&](auto&& fn) {
          for (int32_t th = wh.first; th < wh.last; ++th) {
            const int32_t h = wh.start + th * ah.dilation;
            for (int32_t tw = ww.first; tw < ww.last; ++tw) {
              const int32_t w = ww.start + tw * aw.dilation;
              fn((int64_t{h} * p.in_w + w) * c_count, h * p.in_w + w);
            }
          }
        };
        int64_t c = 0;
        if (idx) {
          for (; c + 8 <= c_count; c += 8) max_indices_block<2>(batch + c, taps, out + c, idx + c);
        } else {
          for (; c + 16 <= c_count; c += 16) max_values_block<4>(batch + c, taps, out + c);
        }
        // The channels left over (C mod 16 without indices, C mod 8 with), one
        // by one with the same rules.
        for (; c < c_count; ++c) {
          float best = kMinusInf;
          int32_t best_at = -1;
          bool nan = false;
          taps([&](int64_t offset, int32_t position) {
            const float v = batch[offset + c];
            nan |= v != v;
            if (best_at < 0 || v > best || (v != v && best == best)) {
              best = v;
              best_at = position;
            }
          });
          out[c] = idx || !nan ? best : std::numeric_limits<float>::quiet_NaN();
          if (idx) idx[c] = best_at;
        }
      }
    }
  }
}

void avg_forward_nhwc(const Plan& p, ConstFloats input, Floats output) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  for (int64_t n = 0; n < z.batches; ++n) {
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        float* __restrict out = output.data + (n * z.out_plane + int64_t{oh} * p.out_w + ow) * c_count;
        std::fill(out, out + c_count, 0.0f);
        // Summed in row-major tap order, as the NCHW kernels do, so both
        // layouts give the same bits.
        for (int32_t th = wh.first; th < wh.last; ++th) {
          const int32_t h = wh.start + th * ah.dilation;
          for (int32_t tw = ww.first; tw < ww.last; ++tw) {
            const int32_t w = ww.start + tw * aw.dilation;
            const float* __restrict x = input.data + (n * z.in_plane + int64_t{h} * p.in_w + w) * c_count;
            for (int64_t c = 0; c < c_count; ++c) out[c] += x[c];
          }
        }
        const float divisor = avg_divisor(p, oh, ow);
        for (int64_t c = 0; c < c_count; ++c) out[c] /= divisor;
      }
    }
  }
}

void avg_backward_nhwc(const Plan& p, ConstFloats grad_output, Floats grad_input) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  std::memset(grad_input.data, 0, sizeof(float) * z.batches * z.in_plane * c_count);
  // Each window's shares, a block of channels at a time on the stack: no
  // allocation that could fail (and abort the instance) mid-call.
  constexpr int64_t kBlock = 64;
  float share[kBlock];
  for (int64_t n = 0; n < z.batches; ++n) {
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        const float* go = grad_output.data + (n * z.out_plane + int64_t{oh} * p.out_w + ow) * c_count;
        const float divisor = avg_divisor(p, oh, ow);
        for (int64_t c0 = 0; c0 < c_count; c0 += kBlock) {
          const int64_t width = std::min(kBlock, c_count - c0);
          for (int64_t c = 0; c < width; ++c) share[c] = go[c0 + c] / divisor;
          for (int32_t th = wh.first; th < wh.last; ++th) {
            const int32_t h = wh.start + th * ah.dilation;
            for (int32_t tw = ww.first; tw < ww.last; ++tw) {
              const int32_t w = ww.start + tw * aw.dilation;
              float* __restrict gi = grad_input.data + (n * z.in_plane + int64_t{h} * p.in_w + w) * c_count + c0;
              for (int64_t c = 0; c < width; ++c) gi[c] += share[c];
            }
          }
        }
      }
    }
  }
}

void max_backward_nhwc(const Plan& p, ConstFloats grad_output, ConstIndices indices,
                       Floats grad_input) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  std::memset(grad_input.data, 0, sizeof(float) * z.batches * z.in_plane * c_count);
  for (int64_t n = 0; n < z.batches; ++n) {
    float* gi = grad_input.data + n * z.in_plane * c_count;
    for (int64_t o = 0; o < z.out_plane; ++o) {
      const int64_t at = (n * z.out_plane + o) * c_count;
      for (int64_t c = 0; c < c_count; ++c) {
        const int32_t k = indices.data[at + c];
        if (k >= 0) gi[k * c_count + c] += grad_output.data[at + c];
      }
    }
  }
}

}  // namespace poolgrad::detail
