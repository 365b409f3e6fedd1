#include "poolgrad/avgpool.hpp"

#include <cstring>

#include "pool_simd.hpp"
#include "window.hpp"

namespace poolgrad {

using detail::axis_window;
using detail::padded_taps;

float detail::avg_divisor(const Plan& p, int32_t oh, int32_t ow) {
  if (p.opt.has_divisor_override) return static_cast<float>(p.opt.divisor_override);
  const auto wh = axis_window(oh, p.in_h, p.opt.h);
  const auto ww = axis_window(ow, p.in_w, p.opt.w);
  // Each count may exceed 46340 (a huge kernel over a tiny padded input), so
  // the product is formed in 64 bits. A window wholly in the padding counts
  // 0 input taps without count_include_pad: 0 / 0 = NaN, as ONNX defines it.
  if (p.opt.count_include_pad)
    return static_cast<float>(int64_t{padded_taps(wh.start, p.in_h, p.opt.h)} *
                              padded_taps(ww.start, p.in_w, p.opt.w));
  return static_cast<float>(int64_t{wh.last - wh.first} * (ww.last - ww.first));
}

float detail::avg_window_mean(const Plan& p, const float* in, int32_t oh, int32_t ow) {
  const auto wh = axis_window(oh, p.in_h, p.opt.h);
  const auto ww = axis_window(ow, p.in_w, p.opt.w);
  float sum = 0.0f;
  for (int32_t th = wh.first; th < wh.last; ++th) {
    const float* row = in + int64_t{wh.start + th * p.opt.h.dilation} * p.in_w;
    for (int32_t tw = ww.first; tw < ww.last; ++tw) sum += row[ww.start + tw * p.opt.w.dilation];
  }
  return sum / avg_divisor(p, oh, ow);
}

void avg_pool2d_forward(const Plan& p, ConstFloats input, Floats output) {
  const detail::Path path = detail::path_for(detail::Op::avg_forward, p);
  if (path == detail::Path::avg_nhwc) {
    detail::avg_forward_nhwc(p, input, output);
    return;
  }
  if (path != detail::Path::general && detail::avg_forward_fast(path, p, input, output)) return;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* in = input.data + plane * in_plane;
    float* out = output.data + plane * out_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      for (int32_t ow = 0; ow < p.out_w; ++ow)
        out[int64_t{oh} * p.out_w + ow] = detail::avg_window_mean(p, in, oh, ow);
    }
  }
}

void avg_pool2d_backward(const Plan& p, ConstFloats grad_output,
                         Floats grad_input) {
  const detail::Path path = detail::path_for(detail::Op::avg_backward, p);
  if (path == detail::Path::avg_back_nhwc) {
    detail::avg_backward_nhwc(p, grad_output, grad_input);
    return;
  }
  if (path != detail::Path::general &&
      detail::avg_backward_fast(path, p, grad_output, grad_input))
    return;
  const int64_t in_plane = int64_t{p.in_h} * p.in_w;
  const int64_t out_plane = int64_t{p.out_h} * p.out_w;
  std::memset(grad_input.data, 0, sizeof(float) * p.planes * in_plane);
  for (int64_t plane = 0; plane < p.planes; ++plane) {
    const float* go = grad_output.data + plane * out_plane;
    float* gi = grad_input.data + plane * in_plane;
    for (int32_t oh = 0; oh < p.out_h; ++oh) {
      const auto wh = axis_window(oh, p.in_h, p.opt.h);
      for (int32_t ow = 0; ow < p.out_w; ++ow) {
        const auto ww = axis_window(ow, p.in_w, p.opt.w);
        const float share = go[int64_t{oh} * p.out_w + ow] / detail::avg_divisor(p, oh, ow);
        for (int32_t th = wh.first; th < wh.last; ++th) {
          float* row = gi + int64_t{wh.start + th * p.opt.h.dilation} * p.in_w;
          for (int32_t tw = ww.first; tw < ww.last; ++tw) row[ww.start + tw * p.opt.w.dilation] += share;
        }
      }
    }
  }
}

}  // namespace poolgrad
