// Channels-last kernels. Every inner loop runs over the C channels of one
// position, which are contiguous, so the compiler vectorizes it whatever the
// kernel, stride, dilation or padding (the layout XNNPACK pools in).
#include <algorithm>
#include <cstring>
#include <limits>
#include <vector>

#include "pool_simd.hpp"
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

// With `indices.data` null no index is tracked (returnIndices: false).
void max_forward_nhwc(const Plan& p, ConstFloats input, Floats output, Indices indices) {
  const Sizes z(p);
  const int64_t c_count = z.channels;
  const AxisOptions& ah = p.opt.h;
  const AxisOptions& aw = p.opt.w;
  for (int64_t n = 0; n < z.batches; ++n) {
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        const int64_t at = (n * z.out_plane + int64_t{oh} * p.out_w + ow) * c_count;
        float* __restrict out = output.data + at;
        std::fill(out, out + c_count, -std::numeric_limits<float>::infinity());
        int32_t* __restrict idx = indices.data ? indices.data + at : nullptr;
        if (idx) std::fill(idx, idx + c_count, -1);
        for (int32_t th = wh.first; th < wh.last; ++th) {
          const int32_t h = wh.start + th * ah.dilation;
          for (int32_t tw = ww.first; tw < ww.last; ++tw) {
            const int32_t w = ww.start + tw * aw.dilation;
            const float* __restrict x = input.data + (n * z.in_plane + int64_t{h} * p.in_w + w) * c_count;
            if (idx) {
              const int32_t position = h * p.in_w + w;
              // Taps come in row-major order: the first wins ties, and the
              // first NaN beats every number.
              for (int64_t c = 0; c < c_count; ++c) {
                const float v = x[c];
                const float best = out[c];
                const bool take = idx[c] < 0 || v > best || (v != v && best == best);
                out[c] = take ? v : best;
                idx[c] = take ? position : idx[c];
              }
            } else {
              for (int64_t c = 0; c < c_count; ++c) {
                const float v = x[c];
                out[c] = (v > out[c] || v != v) ? v : out[c];
              }
            }
          }
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
  std::vector<float> share(static_cast<size_t>(c_count));
  for (int64_t n = 0; n < z.batches; ++n) {
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, ah);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, aw);
        const float* go = grad_output.data + (n * z.out_plane + int64_t{oh} * p.out_w + ow) * c_count;
        const float divisor = avg_divisor(p, oh, ow);
        for (int64_t c = 0; c < c_count; ++c) share[c] = go[c] / divisor;
        for (int32_t th = wh.first; th < wh.last; ++th) {
          const int32_t h = wh.start + th * ah.dilation;
          for (int32_t tw = ww.first; tw < ww.last; ++tw) {
            const int32_t w = ww.start + tw * aw.dilation;
            float* __restrict gi = grad_input.data + (n * z.in_plane + int64_t{h} * p.in_w + w) * c_count;
            const float* __restrict s = share.data();
            for (int64_t c = 0; c < c_count; ++c) gi[c] += s[c];
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
